/*
 * miniport-ready-before-register - VIOLATION.
 * DriverEntry resets the driver's counters through a local pointer to the
 * global block (`g = &PaGlobals; g->AdapterCount = 0;`), after the
 * registration.  PaInitialize reads PaGlobals.AdapterCount to number the
 * new adapter.  A checker that only looks for stores whose target is
 * spelled with the global's name misses the write through the pointer.
 * The store through g is the finding (the target's first token, `g`).
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE PaInitialize;
MINIPORT_HALT PaHalt;
MINIPORT_UNLOAD PaUnload;

typedef struct _PA_GLOBALS {
    NDIS_HANDLE DriverHandle;
    ULONG AdapterCount;
    ULONG Generation;
} PA_GLOBALS, *PPA_GLOBALS;

PA_GLOBALS PaGlobals;

_Use_decl_annotations_
NDIS_STATUS
PaInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    ULONG Index;

    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Index = PaGlobals.AdapterCount;
    if (Index >= 16) {
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
PaHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
PaUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(PaGlobals.DriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    PPA_GLOBALS g = &PaGlobals;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = PaInitialize;
    Chars.HaltHandlerEx = PaHalt;
    Chars.UnloadHandler = PaUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &g->DriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    g->Generation = 1;
    g->AdapterCount = 0; // expect: miniport-ready-before-register
    return NDIS_STATUS_SUCCESS;
}
