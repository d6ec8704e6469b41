/*
 * protocol-deregister-on-unload - CORRECT (no finding).
 * Pure protocol driver whose DriverUnload calls HpStopProtocol(), a helper
 * that also serves DriverEntry's error path (the control device could not
 * be created after the protocol was registered).  The unload routine itself
 * has no NDIS call; a checker that does not look into the helper would
 * report it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD HpUnload;
PROTOCOL_BIND_ADAPTER_EX HpBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX HpUnbindAdapter;

NDIS_HANDLE HpProtocolHandle = NULL;
PDEVICE_OBJECT HpControlDevice;

/* Deregisters the protocol edge. */
static VOID
HpStopProtocol(VOID)
{
    NdisDeregisterProtocolDriver(HpProtocolHandle);
    HpProtocolHandle = NULL;
}

_Use_decl_annotations_
VOID
HpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    IoDeleteDevice(HpControlDevice);
    HpStopProtocol();
}

_Use_decl_annotations_
NDIS_STATUS
HpBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
HpUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("ProtoHelper");
    UNICODE_STRING DeviceName = RTL_CONSTANT_STRING(L"\\Device\\ProtoHelper");

    UNREFERENCED_PARAMETER(RegistryPath);

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = HpBindAdapter;
    PChars.UnbindAdapterHandlerEx = HpUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &HpProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    Status = IoCreateDevice(DriverObject, 0, &DeviceName, FILE_DEVICE_NETWORK,
                            0, FALSE, &HpControlDevice);
    if (!NT_SUCCESS(Status)) {
        HpStopProtocol();
        return Status;
    }

    DriverObject->DriverUnload = HpUnload;
    return STATUS_SUCCESS;
}
