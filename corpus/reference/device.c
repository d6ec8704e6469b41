/*
 * device.c - the control device of the reference IM driver.
 *
 * User mode opens \\.\ImSample to read the number of bound adapters.  The
 * device is registered by DriverEntry after both NDIS registrations (it
 * needs the miniport driver handle) and is never used by MpInitialize.
 */
#include "imdrv.h"

#define IOCTL_IMSAMPLE_GET_ADAPTER_COUNT \
    CTL_CODE(FILE_DEVICE_NETWORK, 0x800, METHOD_BUFFERED, FILE_READ_ACCESS)

/* Registers the control device; on failure nothing stays registered. */
NDIS_STATUS
ImRegisterDevice(VOID)
{
    NDIS_STATUS Status;
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attributes;
    PDRIVER_DISPATCH DispatchTable[IRP_MJ_MAXIMUM_FUNCTION + 1];
    NDIS_STRING DeviceName;
    NDIS_STRING LinkName;

    PAGED_CODE();

    NdisZeroMemory(DispatchTable, sizeof(DispatchTable));
    DispatchTable[IRP_MJ_CREATE] = ImDeviceDispatch;
    DispatchTable[IRP_MJ_CLEANUP] = ImDeviceDispatch;
    DispatchTable[IRP_MJ_CLOSE] = ImDeviceDispatch;
    DispatchTable[IRP_MJ_DEVICE_CONTROL] = ImDeviceDispatch;

    NdisInitUnicodeString(&DeviceName, IM_DEVICE_NAME);
    NdisInitUnicodeString(&LinkName, IM_LINK_NAME);

    NdisZeroMemory(&Attributes, sizeof(Attributes));
    Attributes.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attributes.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attributes.DeviceName = &DeviceName;
    Attributes.SymbolicName = &LinkName;
    Attributes.MajorFunctions = &DispatchTable[0];
    Attributes.ExtensionSize = 0;

    Status = NdisRegisterDeviceEx(ImGlobals.MiniportDriverHandle, &Attributes,
                                  &ImGlobals.DeviceObject, &ImGlobals.DeviceHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        ImGlobals.DeviceObject = NULL;
        ImGlobals.DeviceHandle = NULL;
    }
    return Status;
}

/* Removes the control device, if it exists. */
VOID
ImDeregisterDevice(VOID)
{
    PAGED_CODE();

    if (ImGlobals.DeviceHandle != NULL) {
        NdisDeregisterDeviceEx(ImGlobals.DeviceHandle);
        ImGlobals.DeviceHandle = NULL;
        ImGlobals.DeviceObject = NULL;
    }
}

/* Answers IOCTL_IMSAMPLE_GET_ADAPTER_COUNT into the system buffer. */
static NTSTATUS
ImDeviceIoControl(_In_ PIRP Irp, _In_ PIO_STACK_LOCATION IrpSp)
{
    ULONG OutLength = IrpSp->Parameters.DeviceIoControl.OutputBufferLength;
    PULONG Out = (PULONG)Irp->AssociatedIrp.SystemBuffer;

    if (IrpSp->Parameters.DeviceIoControl.IoControlCode != IOCTL_IMSAMPLE_GET_ADAPTER_COUNT) {
        return STATUS_INVALID_DEVICE_REQUEST;
    }
    if (OutLength < sizeof(ULONG) || Out == NULL) {
        return STATUS_BUFFER_TOO_SMALL;
    }

    NdisAcquireSpinLock(&ImGlobals.Lock);
    *Out = ImGlobals.AdapterCount;
    NdisReleaseSpinLock(&ImGlobals.Lock);
    Irp->IoStatus.Information = sizeof(ULONG);
    return STATUS_SUCCESS;
}

/* The one dispatch routine of the control device. */
_Use_decl_annotations_
NTSTATUS
ImDeviceDispatch(PDEVICE_OBJECT DeviceObject, PIRP Irp)
{
    PIO_STACK_LOCATION IrpSp = IoGetCurrentIrpStackLocation(Irp);
    NTSTATUS Status = STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(DeviceObject);
    Irp->IoStatus.Information = 0;

    switch (IrpSp->MajorFunction) {
    case IRP_MJ_CREATE:
    case IRP_MJ_CLEANUP:
    case IRP_MJ_CLOSE:
        break;
    case IRP_MJ_DEVICE_CONTROL:
        Status = ImDeviceIoControl(Irp, IrpSp);
        break;
    default:
        Status = STATUS_INVALID_DEVICE_REQUEST;
        break;
    }

    Irp->IoStatus.Status = Status;
    IoCompleteRequest(Irp, IO_NO_INCREMENT);
    return Status;
}
