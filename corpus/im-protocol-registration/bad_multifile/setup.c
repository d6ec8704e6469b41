/*
 * Helpers of the bad_multifile fixture (see driver.c for what it tests).
 */
#include "imsetup.h"

static NDIS_PROTOCOL_DRIVER_CHARACTERISTICS ImPChars;

_Use_decl_annotations_
NDIS_STATUS
ImInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

/* Registers the miniport half as an IM miniport. */
_Use_decl_annotations_
NDIS_STATUS
ImSetupMiniport(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER;
    MChars.InitializeHandlerEx = ImInitialize;
    MChars.UnloadHandler = ImUnload;

    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                       &MChars, &ImMiniportHandle);
}

/* Prepares the protocol characteristics.  The registration itself was
 * moved to ImRegisterProtocolNow and the call was never added back. */
NDIS_STATUS
ImSetupProtocol(VOID)
{
    NdisZeroMemory(&ImPChars, sizeof(ImPChars));
    ImPChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    ImPChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    ImPChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    ImPChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    ImPChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    return NDIS_STATUS_SUCCESS;
}

/* Registers the protocol half; not called by anything. */
NDIS_STATUS
ImRegisterProtocolNow(VOID)
{
    return NdisRegisterProtocolDriver(NULL, &ImPChars, &ImProtocolHandle);
}
