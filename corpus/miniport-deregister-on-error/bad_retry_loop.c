/*
 * miniport-deregister-on-error - VIOLATION.
 * Pure miniport that creates its control device with a retry loop: up to
 * three NdisRegisterDeviceEx attempts while NDIS is short of resources.
 * When every attempt fails, DriverEntry returns the last status without
 * deregistering the miniport it registered first: one finding at that
 * `return`.  The loop itself is fine; so is the success path.
 */
#include <ndis.h>

#define MP_MAX_TRIES 3

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MpDriverHandle;
static NDIS_HANDLE MpDeviceHandle;
static PDEVICE_OBJECT MpDeviceObject;

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterDeviceEx(MpDeviceHandle);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    ULONG Try;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_DEVICE_OBJECT_ATTRIBUTES DevAttrs;
    NDIS_STRING DeviceName = NDIS_STRING_CONST("\\Device\\MpRetry");
    NDIS_STRING LinkName = NDIS_STRING_CONST("\\DosDevices\\MpRetry");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &MpDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&DevAttrs, sizeof(DevAttrs));
    DevAttrs.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    DevAttrs.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    DevAttrs.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    DevAttrs.DeviceName = &DeviceName;
    DevAttrs.SymbolicName = &LinkName;

    for (Try = 0; Try < MP_MAX_TRIES; Try++) {
        Status = NdisRegisterDeviceEx(MpDriverHandle, &DevAttrs,
                                      &MpDeviceObject, &MpDeviceHandle);
        if (Status != NDIS_STATUS_RESOURCES) {
            break;
        }
    }

    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;  // expect: miniport-deregister-on-error
    }
    return NDIS_STATUS_SUCCESS;
}
