/*
 * miniport-deregister-on-error - CORRECT (no finding).
 * A global flag word records what DriverEntry has set up; each bit is set
 * right after its step succeeded.  The one teardown routine tests each bit
 * with `&` and clears it.  DriverEntry calls the teardown on every error
 * (the registration's failure included: the bit is clear then) and the
 * unload handler calls it too.  Status tests use `0 > Status`.
 */
#include <ndis.h>

#define MPF_REGISTERED   0x00000001
#define MPF_POOL         0x00000002

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static ULONG MpFlags;
static NDIS_HANDLE MpDriverHandle;
static PVOID MpPool;

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

/* Undoes whatever MpFlags says was set up. */
static VOID
MpTeardown(VOID)
{
    if (MpFlags & MPF_POOL) {
        NdisFreeMemory(MpPool, 0, 0);
        MpFlags &= ~MPF_POOL;
    }
    if (MpFlags & MPF_REGISTERED) {
        NdisMDeregisterMiniportDriver(MpDriverHandle);
        MpFlags &= ~MPF_REGISTERED;
    }
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    MpTeardown();
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
                                         &MChars, &MpDriverHandle);
    if (0 > Status) {
        MpTeardown();
        return Status;
    }
    MpFlags |= MPF_REGISTERED;

    MpPool = NdisAllocateMemoryWithTagPriority(MpDriverHandle, 4096, 'lPpM',
                                               NormalPoolPriority);
    if (MpPool == NULL) {
        MpTeardown();
        return NDIS_STATUS_RESOURCES;
    }
    MpFlags |= MPF_POOL;
    return NDIS_STATUS_SUCCESS;
}
