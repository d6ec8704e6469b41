/*
 * miniport-ready-before-register - CORRECT (no finding).
 * When NdisMRegisterMiniportDriver fails, DriverEntry records the failure
 * and resets the global block that FrInitialize reads (LastStatus, the
 * lock) before returning the error: stores and initializing calls placed
 * textually after the registration, but only on the path where it failed,
 * so no MiniportInitializeEx can ever run against them.  A checker that
 * orders statements by line instead of following the success/failure of
 * the registration on each path would report them.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE FrInitialize;
MINIPORT_HALT FrHalt;
MINIPORT_UNLOAD FrUnload;

typedef struct _FR_GLOBALS {
    NDIS_SPIN_LOCK Lock;
    NDIS_STATUS LastStatus;
    ULONG AdapterCount;
} FR_GLOBALS;

NDIS_HANDLE FrDriverHandle = NULL;
FR_GLOBALS FrGlobals;

_Use_decl_annotations_
NDIS_STATUS
FrInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    if (FrGlobals.LastStatus != NDIS_STATUS_SUCCESS) {
        return FrGlobals.LastStatus;
    }
    NdisAcquireSpinLock(&FrGlobals.Lock);
    FrGlobals.AdapterCount++;
    NdisReleaseSpinLock(&FrGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
FrHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
FrUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(FrDriverHandle);
    NdisFreeSpinLock(&FrGlobals.Lock);
}

/* Leaves the globals in their pristine state after a failed start (the
 * caller has freed the lock). */
static VOID
FrResetGlobals(NDIS_STATUS Status)
{
    NdisZeroMemory(&FrGlobals, sizeof(FrGlobals));
    FrGlobals.LastStatus = Status;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisAllocateSpinLock(&FrGlobals.Lock);
    FrGlobals.LastStatus = NDIS_STATUS_SUCCESS;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = FrInitialize;
    Chars.HaltHandlerEx = FrHalt;
    Chars.UnloadHandler = FrUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &FrDriverHandle);
    if (!NT_SUCCESS(Status)) {
        NdisFreeSpinLock(&FrGlobals.Lock);
        FrResetGlobals(Status);
        FrGlobals.AdapterCount = 0;
    }
    return Status;
}
