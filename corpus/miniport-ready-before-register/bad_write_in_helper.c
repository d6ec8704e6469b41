/*
 * miniport-ready-before-register - VIOLATION.
 * DriverEntry registers the miniport first and only then calls
 * HwReadParameters, which stores the adapter limit in HwGlobals.MaxAdapters.
 * HwInitialize reads that limit through a local pointer to the global block
 * (`G = &HwGlobals; ... G->MaxAdapters`).  The late write is inside the
 * helper, so that is where the finding goes, not at the call in
 * DriverEntry.  HwGlobals.Banner, also set by the helper, is never read by
 * the initialize handler: no finding there.
 */
#include <ndis.h>

#define HW_DEFAULT_MAX_ADAPTERS 4

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE HwInitialize;
MINIPORT_HALT HwHalt;
MINIPORT_UNLOAD HwUnload;

typedef struct _HW_GLOBALS {
    NDIS_HANDLE DriverHandle;
    ULONG MaxAdapters;
    ULONG AdapterCount;
    ULONG Banner;
} HW_GLOBALS, *PHW_GLOBALS;

HW_GLOBALS HwGlobals;

/* Reads the driver parameters (defaults only in this sample). */
static VOID
HwReadParameters(PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(RegistryPath);
    HwGlobals.MaxAdapters = HW_DEFAULT_MAX_ADAPTERS; // expect: miniport-ready-before-register
    HwGlobals.Banner = 0x4857;
}

_Use_decl_annotations_
NDIS_STATUS
HwInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PHW_GLOBALS G = &HwGlobals;

    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    if (G->AdapterCount >= G->MaxAdapters) {
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
HwHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
HwUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(HwGlobals.DriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = HwInitialize;
    Chars.HaltHandlerEx = HwHalt;
    Chars.UnloadHandler = HwUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &HwGlobals.DriverHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        HwReadParameters(RegistryPath);
    }
    return Status;
}
