/*
 * miniport-deregister-on-unload - VIOLATION (at the registration call).
 * A NIC miniport that registers no unload handler at all: UnloadHandler is
 * not set in the characteristics and DriverObject->DriverUnload is never
 * assigned.  The file does define NuUnload, which deregisters correctly, but
 * nothing hands it to NDIS; a checker that looks for "some function calling
 * NdisMDeregisterMiniportDriver" is fooled.  With no handler, the finding is
 * reported at the NdisMRegisterMiniportDriver call.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE NuInitialize;
MINIPORT_UNLOAD NuUnload;

NDIS_HANDLE NuMiniportHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
NuInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
NuUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(NuMiniportHandle);
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
    MChars.InitializeHandlerEx = NuInitialize;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,  // expect: miniport-deregister-on-unload
                                         &MChars, &NuMiniportHandle);
    return Status;
}
