/*
 * miniport-ready-before-register - VIOLATION.
 * The adapter slot table is cleared in a loop after the registration.
 * AsInitialize reads one slot (AsGlobals.Slots[Index]) to find a free one.
 * Subscripts collapse to the whole array: the late store to Slots[i]
 * overlaps the read of Slots[Index] whatever the indexes are.  The store
 * in the loop body is reported once.
 */
#include <ndis.h>

#define AS_MAX_ADAPTERS 8

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE AsInitialize;
MINIPORT_HALT AsHalt;
MINIPORT_UNLOAD AsUnload;

typedef struct _AS_GLOBALS {
    NDIS_HANDLE DriverHandle;
    NDIS_HANDLE Slots[AS_MAX_ADAPTERS];
} AS_GLOBALS;

AS_GLOBALS AsGlobals;

_Use_decl_annotations_
NDIS_STATUS
AsInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    ULONG Index;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    for (Index = 0; Index < AS_MAX_ADAPTERS; Index++) {
        if (AsGlobals.Slots[Index] == NULL) {
            AsGlobals.Slots[Index] = MiniportAdapterHandle;
            return NDIS_STATUS_SUCCESS;
        }
    }
    return NDIS_STATUS_RESOURCES;
}

_Use_decl_annotations_
VOID
AsHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
AsUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(AsGlobals.DriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;
    ULONG i;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = AsInitialize;
    Chars.HaltHandlerEx = AsHalt;
    Chars.UnloadHandler = AsUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &AsGlobals.DriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    for (i = 0; i < AS_MAX_ADAPTERS; i++) {
        AsGlobals.Slots[i] = NULL; // expect: miniport-ready-before-register
    }
    return NDIS_STATUS_SUCCESS;
}
