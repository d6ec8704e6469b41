/*
 * miniport-deregister-on-unload - CORRECT (no finding).
 * Registration state is kept as bits of one global ULONG: DriverEntry ORs
 * RB_MINIPORT_REGISTERED in after success, and the unload handler tests the
 * bit with `&` before deregistering and clears it with `&= ~`.  A checker
 * that does not model flag bits sees a deregistration that may be skipped.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE RbInitialize;
MINIPORT_UNLOAD RbUnload;

NDIS_HANDLE RbMiniportHandle = NULL;

#define RB_MINIPORT_REGISTERED 0x00000001
#define RB_DEVICE_CREATED      0x00000002

static ULONG RbDriverState;

_Use_decl_annotations_
NDIS_STATUS
RbInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
RbUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if ((RbDriverState & RB_MINIPORT_REGISTERED) != 0) {
        NdisMDeregisterMiniportDriver(RbMiniportHandle);
        RbDriverState &= ~RB_MINIPORT_REGISTERED;
    }
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
    MChars.Flags = NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = RbInitialize;
    MChars.UnloadHandler = RbUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &RbMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    RbDriverState |= RB_MINIPORT_REGISTERED;
    return NDIS_STATUS_SUCCESS;
}
