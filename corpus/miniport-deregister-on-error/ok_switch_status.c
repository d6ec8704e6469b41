/*
 * miniport-deregister-on-error - CORRECT (no finding).
 * DriverEntry dispatches on the status of the registration AND of the next
 * step with `switch`.  For the registration: success continues, two named
 * failures and `default` return without deregistering (nothing is
 * registered).  For the next step: success returns, every other case falls
 * through to a single deregistration.  A checker that does not model
 * `case NDIS_STATUS_SUCCESS:` as the success branch would report leaks.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE SwDriverHandle;
static NDIS_HANDLE SwDeviceHandle;
static PDEVICE_OBJECT SwDeviceObject;

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
    NdisDeregisterDeviceEx(SwDeviceHandle);
    NdisMDeregisterMiniportDriver(SwDriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_DEVICE_OBJECT_ATTRIBUTES Attrs;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &SwDriverHandle);
    switch (Status) {
    case NDIS_STATUS_SUCCESS:
        break;
    case NDIS_STATUS_BAD_VERSION:
    case NDIS_STATUS_RESOURCES:
        return Status;
    default:
        return NDIS_STATUS_FAILURE;
    }

    NdisZeroMemory(&Attrs, sizeof(Attrs));
    Attrs.Header.Type = NDIS_OBJECT_TYPE_DEVICE_OBJECT_ATTRIBUTES;
    Attrs.Header.Revision = NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Attrs.Header.Size = NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1;
    Status = NdisRegisterDeviceEx(SwDriverHandle, &Attrs, &SwDeviceObject,
                                  &SwDeviceHandle);
    switch (Status) {
    case NDIS_STATUS_SUCCESS:
        return NDIS_STATUS_SUCCESS;
    case NDIS_STATUS_RESOURCES:
    default:
        break;
    }
    NdisMDeregisterMiniportDriver(SwDriverHandle);
    return Status;
}
