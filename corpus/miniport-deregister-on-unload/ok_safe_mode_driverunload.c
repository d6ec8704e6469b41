/*
 * miniport-deregister-on-unload - CORRECT (no finding).
 * This NIC miniport hands its unload routine to the I/O manager through
 * DriverObject->DriverUnload before anything else (no UnloadHandler in the
 * characteristics), and DriverEntry has a success path that never registers
 * the miniport (safe mode).  So the routine does run in a state without a
 * registration; it copes by testing the handle, which is NULL there (a
 * global never written) and non-NULL wherever registration succeeded.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE SdInitialize;
DRIVER_UNLOAD SdUnload;

NDIS_HANDLE SdMiniportHandle = NULL;

/* Safe mode is requested with a service name ending in 'S'. */
static BOOLEAN
SdSafeMode(PUNICODE_STRING RegistryPath)
{
    USHORT Count = RegistryPath->Length / sizeof(WCHAR);

    return (BOOLEAN)(Count != 0 && RegistryPath->Buffer[Count - 1] == L'S');
}

_Use_decl_annotations_
NDIS_STATUS
SdInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
SdUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (SdMiniportHandle != NULL) {
        NdisMDeregisterMiniportDriver(SdMiniportHandle);
        SdMiniportHandle = NULL;
    }
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    DriverObject->DriverUnload = SdUnload;
    if (SdSafeMode(RegistryPath)) {
        return STATUS_SUCCESS;
    }

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = SdInitialize;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &SdMiniportHandle);
    return Status;
}
