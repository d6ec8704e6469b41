/*
 * miniport-deregister-on-error - CORRECT (no finding).
 * The netvmini pattern: DriverEntry's error path calls the very routine that
 * is registered as the unload handler, MpDriverUnload, which releases the
 * driver-wide resources and deregisters the miniport.  DriverEntry calls it
 * only after the registration succeeded; the registration's own failure
 * returns directly.  The failing step (the control device) is in a helper,
 * and the status is tested with a driver macro FAILED_STATUS.
 */
#include <ndis.h>

#define FAILED_STATUS(s) ((s) != NDIS_STATUS_SUCCESS)

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpDriverUnload;

typedef struct _GLOBAL_DATA {
    NDIS_HANDLE DriverHandle;
    NDIS_HANDLE ControlHandle;
    PDEVICE_OBJECT ControlDevice;
} GLOBAL_DATA;

GLOBAL_DATA GlobalData;

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
MpDriverUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (GlobalData.ControlHandle != NULL) {
        NdisDeregisterDeviceEx(GlobalData.ControlHandle);
        GlobalData.ControlHandle = NULL;
    }
    NdisMDeregisterMiniportDriver(GlobalData.DriverHandle);
}

/* Creates the control device object. */
static NDIS_STATUS
MpCreateControlDevice(VOID)
{
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attrs;
    NDIS_STRING Name = NDIS_STRING_CONST("\\Device\\NetVShared");

    NdisZeroMemory(&Attrs, sizeof(Attrs));
    Attrs.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attrs.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attrs.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attrs.DeviceName = &Name;
    return NdisRegisterDeviceEx(GlobalData.DriverHandle, &Attrs,
                                &GlobalData.ControlDevice, &GlobalData.ControlHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpDriverUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &GlobalData.DriverHandle);
    if (FAILED_STATUS(Status)) {
        return Status;
    }

    Status = MpCreateControlDevice();
    if (FAILED_STATUS(Status)) {
        MpDriverUnload(DriverObject);
        return Status;
    }
    return Status;
}
