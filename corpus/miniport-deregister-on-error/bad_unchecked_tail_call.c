/*
 * miniport-deregister-on-error - VIOLATION.
 * Pure miniport whose DriverEntry ends with `return MpStartWatchdog();`.
 * The helper's status is not checked: it may be a failure (the helper
 * returns NDIS_STATUS_RESOURCES when its allocation fails), and then
 * DriverEntry fails with the miniport registered.  A checker that only
 * looks at `if (!NT_SUCCESS(...))` blocks misses it.  One finding at that
 * final `return`.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MpDriverHandle;
static PULONG MpWatchdogTicks;

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
    if (MpWatchdogTicks != NULL) {
        NdisFreeMemory(MpWatchdogTicks, 0, 0);
    }
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

/* Allocates the watchdog counters. */
static NDIS_STATUS
MpStartWatchdog(VOID)
{
    MpWatchdogTicks = NdisAllocateMemoryWithTagPriority(MpDriverHandle, sizeof(ULONG),
                                                        'dWpM', NormalPoolPriority);
    return MpWatchdogTicks != NULL ? NDIS_STATUS_SUCCESS : NDIS_STATUS_RESOURCES;
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
    if (!NT_SUCCESS(Status)) {
        return Status;
    }

    return MpStartWatchdog();  // expect: miniport-deregister-on-error
}
