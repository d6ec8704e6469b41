/*
 * protocol-deregister-on-unload - VIOLATION (at the unload handler's name).
 * Pure protocol driver (DriverObject->DriverUnload).  The unload routine
 * deregisters only when FpRegistered is TRUE; DriverEntry sets it when the
 * revision 2 registration succeeds, but the fallback registration with the
 * revision 1 characteristics (after NDIS_STATUS_BAD_VERSION) succeeds
 * without setting it.  In that success state the unload skips the call.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD FpUnload;
PROTOCOL_BIND_ADAPTER_EX FpBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX FpUnbindAdapter;

NDIS_HANDLE FpProtocolHandle = NULL;
static BOOLEAN FpRegistered;

_Use_decl_annotations_
VOID
FpUnload(PDRIVER_OBJECT DriverObject)  // expect: protocol-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (FpRegistered) {
        NdisDeregisterProtocolDriver(FpProtocolHandle);
        FpRegistered = FALSE;
    }
}

_Use_decl_annotations_
NDIS_STATUS
FpBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
FpUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("FlagOnePath");

    UNREFERENCED_PARAMETER(RegistryPath);

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = FpBindAdapter;
    PChars.UnbindAdapterHandlerEx = FpUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &FpProtocolHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        FpRegistered = TRUE;
    } else if (Status == NDIS_STATUS_BAD_VERSION) {
        PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
        PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &FpProtocolHandle);
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    DriverObject->DriverUnload = FpUnload;
    return NDIS_STATUS_SUCCESS;
}
