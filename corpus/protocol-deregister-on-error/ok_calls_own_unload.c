/*
 * protocol-deregister-on-error - CORRECT (no finding).
 * Pure protocol driver whose DriverEntry calls its own unload routine on
 * the error path after the registration, from a nested-if single-exit
 * layout.  The unload routine deregisters unconditionally: DriverEntry
 * calls it only once the registration succeeded, and NDIS calls it only
 * after DriverEntry succeeded.  The failure tests are written
 * `NDIS_STATUS_SUCCESS != Status` and with a driver macro.
 */
#include <ndis.h>

#define PT_FAILED(s) ((s) != NDIS_STATUS_SUCCESS)

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE PtHandle;
static NDIS_EVENT PtUnbindEvent;
static ULONG PtMtu;

_Use_decl_annotations_
NDIS_STATUS
PtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
PtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
PtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisSetEvent(&PtUnbindEvent);
    NdisDeregisterProtocolDriver(PtHandle);
}

/* Validates the MTU configured for the service. */
static NDIS_STATUS
PtReadMtu(_In_ PUNICODE_STRING RegistryPath)
{
    PtMtu = RegistryPath->Length * 10u;
    return (PtMtu >= 576 && PtMtu <= 9000) ? NDIS_STATUS_SUCCESS
                                           : NDIS_STATUS_INVALID_PARAMETER;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    NdisInitializeEvent(&PtUnbindEvent);
    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &PtHandle);
    if (NDIS_STATUS_SUCCESS == Status) {
        Status = PtReadMtu(RegistryPath);
        if (PT_FAILED(Status)) {
            PtUnload(DriverObject);
        } else {
            DriverObject->DriverUnload = PtUnload;
        }
    }
    return Status;
}
