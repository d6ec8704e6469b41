/*
 * miniport-deregister-on-error - VIOLATION.
 * Pure NDIS 6 miniport written in the goto-cleanup style.  After
 * NdisMRegisterMiniportDriver succeeded, the allocation of the receive pool
 * can fail and jump to Exit; the cleanup block there frees what was
 * allocated but forgets NdisMDeregisterMiniportDriver.  DriverEntry then
 * fails at the shared `return Status;` with the miniport still registered:
 * one finding, at that return.  The registration's own failure also jumps
 * there, but then nothing is registered, so that path is fine.
 */
#include <ndis.h>

#define MP_TAG 'lgoG'

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE g_MpDriverHandle;
static PVOID g_RxPool;

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
    NdisFreeMemory(g_RxPool, 0, 0);
    NdisMDeregisterMiniportDriver(g_MpDriverHandle);
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
                                         &MChars, &g_MpDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        goto Exit;
    }

    g_RxPool = NdisAllocateMemoryWithTagPriority(g_MpDriverHandle, 4096, MP_TAG,
                                                 NormalPoolPriority);
    if (g_RxPool == NULL) {
        Status = NDIS_STATUS_RESOURCES;
        goto Exit;
    }

    NdisZeroMemory(g_RxPool, 4096);

Exit:
    if (Status != NDIS_STATUS_SUCCESS && g_RxPool != NULL) {
        NdisFreeMemory(g_RxPool, 0, 0);
        g_RxPool = NULL;
    }
    return Status;  // expect: miniport-deregister-on-error
}
