/*
 * protocol-deregister-on-error - VIOLATION.
 * Pure protocol driver whose registration is in one helper
 * (PtRegister) and whose failing step is in another (PtCreateDevice, a
 * control device for user mode).  DriverEntry propagates the device
 * failure with `return Status;` and the protocol stays registered.  One
 * finding, at that return in DriverEntry.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD PtUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE PtHandle;
static NDIS_HANDLE PtDeviceHandle;
static PDEVICE_OBJECT PtDeviceObject;

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
    NdisDeregisterDeviceEx(PtDeviceHandle);
    NdisDeregisterProtocolDriver(PtHandle);
}

/* Registers the protocol driver. */
static NDIS_STATUS
PtRegister(VOID)
{
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    Chars.BindAdapterHandlerEx = PtBindAdapter;
    Chars.UnbindAdapterHandlerEx = PtUnbindAdapter;
    return NdisRegisterProtocolDriver(NULL, &Chars, &PtHandle);
}

/* Creates the control device through NDIS. */
static NDIS_STATUS
PtCreateDevice(VOID)
{
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attrs;
    NDIS_STRING Name = NDIS_STRING_CONST("\\Device\\PtHelpers");

    NdisZeroMemory(&Attrs, sizeof(Attrs));
    Attrs.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attrs.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attrs.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attrs.DeviceName = &Name;
    return NdisRegisterDeviceEx(PtHandle, &Attrs, &PtDeviceObject, &PtDeviceHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;

    UNREFERENCED_PARAMETER(RegistryPath);
    Status = PtRegister();
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    DriverObject->DriverUnload = PtUnload;

    Status = PtCreateDevice();
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;  // expect: protocol-deregister-on-error
    }
    return NDIS_STATUS_SUCCESS;
}
