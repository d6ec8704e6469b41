/*
 * miniport-ready-before-register - VIOLATION.
 * The adapter list head is initialized after the registration.  The
 * initialize handler does not touch the list itself: DlInitialize calls
 * DlAllocAdapter, which calls DlLinkAdapter, which inserts the new adapter
 * into DlAdapterList.  A checker that only looks at the handler's own body
 * misses the read two calls down.  The lock protecting the list is set up
 * correctly before the registration, so only the list head is reported.
 */
#include <ndis.h>

#define DL_TAG 'lDlD'

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE DlInitialize;
MINIPORT_HALT DlHalt;
MINIPORT_UNLOAD DlUnload;

typedef struct _DL_ADAPTER {
    LIST_ENTRY Link;
    NDIS_HANDLE AdapterHandle;
} DL_ADAPTER, *PDL_ADAPTER;

NDIS_HANDLE DlDriverHandle = NULL;
NDIS_SPIN_LOCK DlListLock;
LIST_ENTRY DlAdapterList;

/* Puts a new adapter on the global list. */
static VOID
DlLinkAdapter(PDL_ADAPTER Adapter)
{
    NdisAcquireSpinLock(&DlListLock);
    InsertTailList(&DlAdapterList, &Adapter->Link);
    NdisReleaseSpinLock(&DlListLock);
}

/* Allocates an adapter block and links it. */
static PDL_ADAPTER
DlAllocAdapter(NDIS_HANDLE MiniportAdapterHandle)
{
    PDL_ADAPTER Adapter;

    Adapter = NdisAllocateMemoryWithTagPriority(MiniportAdapterHandle, sizeof(DL_ADAPTER),
                                                DL_TAG, NormalPoolPriority);
    if (Adapter == NULL) {
        return NULL;
    }
    NdisZeroMemory(Adapter, sizeof(DL_ADAPTER));
    Adapter->AdapterHandle = MiniportAdapterHandle;
    DlLinkAdapter(Adapter);
    return Adapter;
}

_Use_decl_annotations_
NDIS_STATUS
DlInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    PDL_ADAPTER Adapter;

    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    Adapter = DlAllocAdapter(MiniportAdapterHandle);
    if (Adapter == NULL) {
        return NDIS_STATUS_RESOURCES;
    }
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
DlHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    PDL_ADAPTER Adapter = (PDL_ADAPTER)MiniportAdapterContext;

    UNREFERENCED_PARAMETER(HaltAction);
    NdisAcquireSpinLock(&DlListLock);
    RemoveEntryList(&Adapter->Link);
    NdisReleaseSpinLock(&DlListLock);
    NdisFreeMemory(Adapter, 0, 0);
}

_Use_decl_annotations_
VOID
DlUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(DlDriverHandle);
    NdisFreeSpinLock(&DlListLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars;

    NdisAllocateSpinLock(&DlListLock);

    NdisZeroMemory(&Chars, sizeof(Chars));
    Chars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars.InitializeHandlerEx = DlInitialize;
    Chars.HaltHandlerEx = DlHalt;
    Chars.UnloadHandler = DlUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &Chars, &DlDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&DlListLock);
        return Status;
    }

    InitializeListHead(&DlAdapterList); // expect: miniport-ready-before-register
    return NDIS_STATUS_SUCCESS;
}
