/*
 * Upper edge of the ok_deep_chain fixture (see driver.c).
 */
#include "chain.h"

/* Registers the IM miniport, then the lower (protocol) edge; undoes the
 * miniport registration when the lower edge fails. */
_Use_decl_annotations_
NDIS_STATUS
ChStartDriver(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = ChInitialize;
    MChars.UnloadHandler = ChUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ChMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    Status = ChStartLowerEdge();
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(ChMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(ChMiniportHandle, ChProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
