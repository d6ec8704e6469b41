/*
 * miniport-deregister-on-unload - CORRECT (no finding).
 * The unload handler has early exits, but they are `goto` jumps to a common
 * exit label that deregisters, and a do { } while (0) block left with
 * `break` - never a `return` before the deregistration.  A checker that
 * treats every early jump in the handler as a path that skips the call would
 * wrongly report it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE GxInitialize;
MINIPORT_UNLOAD GxUnload;

NDIS_HANDLE GxMiniportHandle = NULL;
static PVOID GxScratch;

_Use_decl_annotations_
NDIS_STATUS
GxInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
GxUnload(PDRIVER_OBJECT DriverObject)
{
    do {
        if (GxScratch == NULL) {
            break;
        }
        NdisFreeMemory(GxScratch, 0, 0);
        GxScratch = NULL;
    } while (0);

    if (DriverObject->DeviceObject == NULL) {
        goto done;
    }
    DbgPrint("GxUnload: a device object is still attached\n");

done:
    NdisMDeregisterMiniportDriver(GxMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    GxScratch = NdisAllocateMemoryWithTagPriority(NULL, 512, 'xGmN', NormalPoolPriority);
    if (GxScratch == NULL) {
        return NDIS_STATUS_RESOURCES;
    }

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = GxInitialize;
    MChars.UnloadHandler = GxUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &GxMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeMemory(GxScratch, 0, 0);
        GxScratch = NULL;
    }
    return Status;
}
