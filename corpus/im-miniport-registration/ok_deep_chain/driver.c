/*
 * im-miniport-registration - CORRECT (no finding), over three files.
 * DriverEntry (here) -> UpStart (here) -> UpBringUpMiniport (miniport.c) ->
 * UpRegisterVirtualMiniport (miniport.c), which calls
 * NdisMRegisterMiniportDriver.  The protocol is registered through
 * UpRegisterProtocol (protocol.c).  Registrations made through any chain of
 * calls in any analyzed file count.
 */
#include "upper.h"

DRIVER_INITIALIZE DriverEntry;

NDIS_HANDLE UpMiniportHandle = NULL;
NDIS_HANDLE UpProtocolHandle = NULL;

_Use_decl_annotations_
VOID
UpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(UpProtocolHandle);
    NdisMDeregisterMiniportDriver(UpMiniportHandle);
}

/* Brings up both edges; undoes the miniport when the protocol fails. */
static NDIS_STATUS
UpStart(_In_ PDRIVER_OBJECT DriverObject, _In_ PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;

    Status = UpBringUpMiniport(DriverObject, RegistryPath);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    Status = UpRegisterProtocol();
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(UpMiniportHandle);
        return Status;
    }
    NdisIMAssociateMiniport(UpMiniportHandle, UpProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    return UpStart(DriverObject, RegistryPath);
}
