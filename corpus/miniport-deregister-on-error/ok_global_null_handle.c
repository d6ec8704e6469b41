/*
 * miniport-deregister-on-error - CORRECT (no finding).
 * Single-exit style with a GLOBAL handle and no explicit initializer (a
 * global is zero until written).  The exit block deregisters when the
 * status is a failure AND the handle is non-NULL; the handle is non-NULL
 * exactly when the registration succeeded.  The failing steps after the
 * registration (a helper and an allocation) are covered; the registration's
 * own failure skips the deregistration.  The condition uses `NULL != Handle`
 * the other way round on purpose.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

NDIS_HANDLE gDriverHandle;
PUCHAR gConfigBlock;

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
    NdisFreeMemory(gConfigBlock, 0, 0);
    NdisMDeregisterMiniportDriver(gDriverHandle);
}

/* Validates the service key name. */
static NDIS_STATUS
MpCheckRegistryPath(_In_ PUNICODE_STRING RegistryPath)
{
    return RegistryPath->Length != 0 ? NDIS_STATUS_SUCCESS : NDIS_STATUS_FAILURE;
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
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &gDriverHandle);
    if (NT_SUCCESS(Status)) {
        Status = MpCheckRegistryPath(RegistryPath);
    }
    if (NT_SUCCESS(Status)) {
        gConfigBlock = NdisAllocateMemoryWithTagPriority(gDriverHandle, 512, 'gCpM',
                                                         NormalPoolPriority);
        if (gConfigBlock == NULL) {
            Status = NDIS_STATUS_RESOURCES;
        }
    }

    if (!NT_SUCCESS(Status) && NULL != gDriverHandle) {
        NdisMDeregisterMiniportDriver(gDriverHandle);
    }
    return Status;
}
