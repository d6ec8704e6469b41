/*
 * miniport-deregister-on-unload - VIOLATION (at the unload handler's name).
 * A NIC miniport that sets no UnloadHandler in its characteristics but
 * assigns DriverObject->DriverUnload (the fallback SPEC.md recognizes) once
 * registration succeeded.  That routine only frees the driver's lookaside
 * list and returns without NdisMDeregisterMiniportDriver.  A checker that
 * only looks at UnloadHandler would report "no handler" at the call instead.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE DuInitialize;
DRIVER_UNLOAD DuUnload;

NDIS_HANDLE DuMiniportHandle = NULL;
NPAGED_LOOKASIDE_LIST DuPacketPool;

_Use_decl_annotations_
NDIS_STATUS
DuInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
DuUnload(PDRIVER_OBJECT DriverObject)  // expect: miniport-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeleteNPagedLookasideList(&DuPacketPool);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisInitializeNPagedLookasideList(&DuPacketPool, NULL, NULL, 0, 256, 'kPuD', 0);

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = DuInitialize;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &DuMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisDeleteNPagedLookasideList(&DuPacketPool);
        return Status;
    }
    DriverObject->DriverUnload = DuUnload;
    return NDIS_STATUS_SUCCESS;
}
