/*
 * analysis-incomplete - CORRECT (no finding).
 * The error (a member the adapter structure does not have) is in
 * HtReleaseAdapter, which only MiniportHaltEx calls.  The halt handler is not
 * one of the functions the rules depend on (DriverEntry, the unload handler,
 * the initialize handler and what they call), so no warning.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE HtInitialize;
MINIPORT_HALT HtHalt;
MINIPORT_UNLOAD HtUnload;
MINIPORT_SEND_NET_BUFFER_LISTS HtSendNetBufferLists;
VOID HtHaltHelper(_In_ NDIS_HANDLE MiniportAdapterContext);

typedef struct _HT_ADAPTER {
    ULONG RefCount;
} HT_ADAPTER, *PHT_ADAPTER;

static NDIS_HANDLE HtMiniportHandle;
static NDIS_HANDLE HtProtocolHandle;

/* Drops the adapter's last reference; called only from the halt path. */
static VOID
HtReleaseAdapter(_In_ PHT_ADAPTER Adapter)
{
    Adapter->ReferenceCount--;
}

/* Called by the halt handler only. */
VOID
HtHaltHelper(_In_ NDIS_HANDLE MiniportAdapterContext)
{
    HtReleaseAdapter((PHT_ADAPTER)MiniportAdapterContext);
}

_Use_decl_annotations_
NDIS_STATUS
HtInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
HtHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    HtHaltHelper(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
HtSendNetBufferLists(
    NDIS_HANDLE MiniportAdapterContext,
    PNET_BUFFER_LIST NetBufferLists,
    NDIS_PORT_NUMBER PortNumber,
    ULONG SendFlags
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(NetBufferLists);
    UNREFERENCED_PARAMETER(PortNumber);
    UNREFERENCED_PARAMETER(SendFlags);
}

_Use_decl_annotations_
VOID
HtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(HtProtocolHandle);
    NdisMDeregisterMiniportDriver(HtMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = HtInitialize;
    MChars.HaltHandlerEx = HtHalt;
    MChars.UnloadHandler = HtUnload;
    MChars.SendNetBufferListsHandler = HtSendNetBufferLists;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &HtMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &HtProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(HtMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(HtMiniportHandle, HtProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
