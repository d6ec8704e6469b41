/*
 * Miniport edge of the ok_deep_chain fixture (see driver.c).
 */
#include "upper.h"

_Use_decl_annotations_
NDIS_STATUS
UpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

/* Fills the IM characteristics and hands them to the registration helper. */
_Use_decl_annotations_
NDIS_STATUS
UpBringUpMiniport(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = UpInitialize;
    MChars.UnloadHandler = UpUnload;
    return UpRegisterVirtualMiniport(DriverObject, RegistryPath, &MChars);
}

/* The one place that registers the miniport edge with NDIS. */
_Use_decl_annotations_
NDIS_STATUS
UpRegisterVirtualMiniport(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath,
                          PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars)
{
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                       Chars, &UpMiniportHandle);
}
