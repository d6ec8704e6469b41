/*
 * im-miniport-registration - VIOLATION, over two files (driver.c, edges.c).
 * DriverEntry -> EdStartEdges (edges.c) registers the protocol, stores
 * NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER into the global miniport
 * characteristics and calls EdStartUpperEdge - which only finishes filling
 * the characteristics.  The function that would call
 * NdisMRegisterMiniportDriver, EdRegisterUpperEdgeNow, is reached by nothing.
 * The finding is on DriverEntry's name, here.
 */
#include "edges.h"

DRIVER_INITIALIZE DriverEntry;

NDIS_HANDLE EdMiniportHandle;
NDIS_HANDLE EdProtocolHandle;
NDIS_MINIPORT_DRIVER_CHARACTERISTICS EdMChars;

_Use_decl_annotations_
VOID
EdUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(EdProtocolHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)  // expect: im-miniport-registration
{
    NDIS_STATUS Status;

    Status = EdStartEdges(DriverObject, RegistryPath);
    if (Status == NDIS_STATUS_SUCCESS) {
        DriverObject->DriverUnload = EdUnload;
    }
    return Status;
}
