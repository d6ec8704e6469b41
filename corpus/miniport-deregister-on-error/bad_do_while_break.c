/*
 * miniport-deregister-on-error - VIOLATION.
 * Pure miniport using `do { ... } while (0)` with `break` as its error exit.
 * Three steps follow the registration: the spin lock (cannot fail), the
 * statistics buffer and the lookaside list sizing.  The buffer's failure
 * breaks out WITHOUT deregistering; the sizing failure deregisters before
 * its break.  Both reach the single `return Status;`, which therefore fails
 * with the miniport registered on one path: one finding at that return.
 */
#include <ndis.h>

#define MP_TAG 'wdoD'

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

typedef struct _MP_GLOBALS {
    NDIS_HANDLE DriverHandle;
    NDIS_SPIN_LOCK Lock;
    PULONG Stats;
    ULONG LookasideDepth;
} MP_GLOBALS;

static MP_GLOBALS Globals;

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
    NdisFreeSpinLock(&Globals.Lock);
    NdisMDeregisterMiniportDriver(Globals.DriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    do {
        NdisZeroMemory(&MChars, sizeof(MChars));
        MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
        MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
        MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
        MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
        MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
        MChars.InitializeHandlerEx = MpInitialize;
        MChars.UnloadHandler = MpUnload;

        Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                             &MChars, &Globals.DriverHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        NdisAllocateSpinLock(&Globals.Lock);

        Globals.Stats = NdisAllocateMemoryWithTagPriority(Globals.DriverHandle,
                            64 * sizeof(ULONG), MP_TAG, LowPoolPriority);
        if (Globals.Stats == NULL) {
            Status = NDIS_STATUS_RESOURCES;
            break;                          /* BUG: still registered */
        }

        Globals.LookasideDepth = RegistryPath->Length / sizeof(WCHAR);
        if (Globals.LookasideDepth == 0) {
            NdisFreeMemory(Globals.Stats, 0, 0);
            NdisFreeSpinLock(&Globals.Lock);
            NdisMDeregisterMiniportDriver(Globals.DriverHandle);
            Status = NDIS_STATUS_INVALID_PARAMETER;
            break;
        }
    } while (FALSE);

    return Status;  // expect: miniport-deregister-on-error
}
