/*
 * miniport-deregister-on-unload - VIOLATION (at the unload handler's name).
 * The unload handler deregisters only when FmRegistered is set.  DriverEntry
 * sets it after the revision 2 registration succeeds, but the fallback path
 * (revision 1 characteristics after NDIS_STATUS_BAD_VERSION) forgets to, so
 * in that success state the unload handler skips the deregistration.  A
 * checker that treats "deregister under a registered flag" as always right
 * misses it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE FmInitialize;
MINIPORT_UNLOAD FmUnload;

NDIS_HANDLE FmMiniportHandle = NULL;
static BOOLEAN FmRegistered = FALSE;

_Use_decl_annotations_
NDIS_STATUS
FmInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
FmUnload(PDRIVER_OBJECT DriverObject)  // expect: miniport-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (FmRegistered) {
        NdisMDeregisterMiniportDriver(FmMiniportHandle);
        FmRegistered = FALSE;
    }
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
    MChars.Flags = NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = FmInitialize;
    MChars.UnloadHandler = FmUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &FmMiniportHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        FmRegistered = TRUE;
    } else if (Status == NDIS_STATUS_BAD_VERSION) {
        /* Older NDIS: retry with the revision 1 layout. */
        MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
        MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
        Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                             &MChars, &FmMiniportHandle);
    }
    return Status;
}
