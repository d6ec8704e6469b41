/*
 * protocol-deregister-on-unload - CORRECT (no finding).
 * Pure protocol driver with a safe-mode success path: when the service is
 * installed under a name ending in 'S' DriverEntry returns STATUS_SUCCESS
 * without registering the protocol and without installing an unload routine
 * (the image then stays loaded).  On the normal path DriverUnload is
 * assigned only after registration succeeded, and deregisters
 * unconditionally.  SPEC.md: the unload routine runs only from states where
 * DriverUnload was assigned, i.e. with the protocol registered.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD SmUnload;
PROTOCOL_BIND_ADAPTER_EX SmBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX SmUnbindAdapter;

NDIS_HANDLE SmProtocolHandle = NULL;

/* Safe mode is requested with a service name ending in 'S'. */
static BOOLEAN
SmSafeMode(PUNICODE_STRING RegistryPath)
{
    USHORT Count = RegistryPath->Length / sizeof(WCHAR);

    return (BOOLEAN)(Count != 0 && RegistryPath->Buffer[Count - 1] == L'S');
}

_Use_decl_annotations_
VOID
SmUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(SmProtocolHandle);
}

_Use_decl_annotations_
NDIS_STATUS
SmBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
SmUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("SafeModeProto");

    if (SmSafeMode(RegistryPath)) {
        return STATUS_SUCCESS;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = SmBindAdapter;
    PChars.UnbindAdapterHandlerEx = SmUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &SmProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    DriverObject->DriverUnload = SmUnload;
    return STATUS_SUCCESS;
}
