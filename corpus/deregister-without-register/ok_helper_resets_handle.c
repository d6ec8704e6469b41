/*
 * deregister-without-register - CORRECT (no finding).
 * The double-deregistration of bad_double_deregistration.c, avoided the
 * right way: the helper that deregisters on the statistics error path also
 * sets the global handle back to NULL, and the caller's cleanup label
 * deregisters only `if (MpHandle != NULL)`.  On that path the second call
 * is skipped; on the other error path it runs once.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MpHandle;
static PULONG MpStats;

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
    NdisFreeMemory(MpStats, 0, 0);
    NdisMDeregisterMiniportDriver(MpHandle);
}

/* Error path of the statistics allocation: undoes the registration. */
static VOID
MpFailStats(VOID)
{
    MpStats = NULL;
    NdisMDeregisterMiniportDriver(MpHandle);
    MpHandle = NULL;
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
                                         &MChars, &MpHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Cleanup;
    }

    MpStats = NdisAllocateMemoryWithTagPriority(MpHandle, 32 * sizeof(ULONG), 'tSpM',
                                                NormalPoolPriority);
    if (MpStats == NULL) {
        MpFailStats();
        Status = NDIS_STATUS_RESOURCES;
        goto Cleanup;
    }
    if (RegistryPath->Length == 0) {
        NdisFreeMemory(MpStats, 0, 0);
        Status = NDIS_STATUS_INVALID_PARAMETER;
        goto Cleanup;
    }
    return NDIS_STATUS_SUCCESS;

Cleanup:
    if (MpHandle != NULL) {
        NdisMDeregisterMiniportDriver(MpHandle);
    }
    return Status;
}
