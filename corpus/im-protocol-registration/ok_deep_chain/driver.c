/*
 * im-protocol-registration - CORRECT (no finding), over three files.
 * DriverEntry (here) -> ChStartDriver (start.c) -> ChStartLowerEdge
 * (lower.c) -> ChRegisterLowerEdge -> ChCallNdisProtocol, which finally calls
 * NdisRegisterProtocolDriver.  A registration made through any chain of calls,
 * in any analyzed file, counts.  The miniport is deregistered in start.c when
 * the lower edge fails, and both halves are deregistered by ChUnload.
 */
#include "chain.h"

DRIVER_INITIALIZE DriverEntry;

NDIS_HANDLE ChMiniportHandle = NULL;
NDIS_HANDLE ChProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
ChInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
ChUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(ChProtocolHandle);
    NdisMDeregisterMiniportDriver(ChMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    return ChStartDriver(DriverObject, RegistryPath);
}
