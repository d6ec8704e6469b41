/*
 * protocol-deregister-on-unload - CORRECT (no finding).
 * Pure protocol driver whose DriverUnload returns early when the protocol
 * handle is NULL (`if (!Handle) return;`) and deregisters otherwise.
 * DriverUnload is assigned before registering and DriverEntry fails when
 * registration fails, so in every state where the routine can run the handle
 * is non-NULL and the early return is infeasible.  A checker that reports
 * any return before the call would wrongly flag it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD HtUnload;
PROTOCOL_BIND_ADAPTER_EX HtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX HtUnbindAdapter;

NDIS_HANDLE HtProtocolHandle = NULL;

_Use_decl_annotations_
VOID
HtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (!HtProtocolHandle) {
        return;
    }
    NdisDeregisterProtocolDriver(HtProtocolHandle);
    HtProtocolHandle = NULL;
}

_Use_decl_annotations_
NDIS_STATUS
HtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
HtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("HandleTest");

    UNREFERENCED_PARAMETER(RegistryPath);

    DriverObject->DriverUnload = HtUnload;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = HtBindAdapter;
    PChars.UnbindAdapterHandlerEx = HtUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &HtProtocolHandle);
    return Status;
}
