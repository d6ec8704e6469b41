/*
 * Both edges of the bad_multifile fixture (see driver.c for what it tests).
 */
#include "edges.h"

_Use_decl_annotations_
NDIS_STATUS
EdInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

/* Registers the protocol edge, then prepares the miniport edge. */
_Use_decl_annotations_
NDIS_STATUS
EdStartEdges(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &EdProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&EdMChars, sizeof(EdMChars));
    EdMChars.Flags = NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER;

    Status = EdStartUpperEdge(DriverObject, RegistryPath);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisDeregisterProtocolDriver(EdProtocolHandle);
    }
    return Status;
}

/* Finishes the miniport characteristics.  The registration call was moved
 * to EdRegisterUpperEdgeNow and never wired back in. */
_Use_decl_annotations_
NDIS_STATUS
EdStartUpperEdge(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    UNREFERENCED_PARAMETER(DriverObject);
    UNREFERENCED_PARAMETER(RegistryPath);
    EdMChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    EdMChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    EdMChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    EdMChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    EdMChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    EdMChars.InitializeHandlerEx = EdInitialize;
    EdMChars.UnloadHandler = EdUnload;
    return NDIS_STATUS_SUCCESS;
}

/* Would register the miniport edge; nothing calls it. */
_Use_decl_annotations_
NDIS_STATUS
EdRegisterUpperEdgeNow(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                       &EdMChars, &EdMiniportHandle);
}
