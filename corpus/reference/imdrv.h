/*
 * imdrv.h - private header of the reference NDIS 6 intermediate driver.
 *
 * The driver is a 1:1 pass-through IM driver: its protocol edge binds to each
 * underlying adapter and, for each binding, asks NDIS to start one virtual
 * miniport (NdisIMInitializeDeviceInstanceEx).  Sends from above go down
 * through the binding; receives from below are indicated up through the
 * virtual miniport.  A control device lets user mode read statistics.
 *
 * Written clean-room for the ndislint corpus.  It is meant to be correct
 * under every rule of SPEC.md: ndislint must report nothing here.
 */
#ifndef IMDRV_H
#define IMDRV_H

#include <ndis.h>

#define IM_MAJOR_DRIVER_VERSION     1
#define IM_MINOR_DRIVER_VERSION     0

#define IM_TAG_ADAPTER      0x64416d49  /* 'ImAd' */
#define IM_TAG_RECV         0x63526d49  /* 'ImRc' */
#define IM_LOOKASIDE_DEPTH  0

#define IM_DEVICE_NAME      L"\\Device\\ImSample"
#define IM_LINK_NAME        L"\\DosDevices\\ImSample"

#if DBG
#define IM_DBGPRINT(Args)   DbgPrint Args
#else
#define IM_DBGPRINT(Args)
#endif

/* State of a virtual miniport. */
typedef enum _IM_MINIPORT_STATE {
    ImMiniportHalted = 0,
    ImMiniportInitializing,
    ImMiniportPaused,
    ImMiniportRunning
} IM_MINIPORT_STATE;

/* One binding to a lower adapter and the virtual miniport above it. */
typedef struct _IM_ADAPTER {
    LIST_ENTRY          Link;               /* in ImGlobals.AdapterList */
    ULONG               RefCount;
    NDIS_HANDLE         BindingHandle;      /* lower edge */
    NDIS_HANDLE         MiniportAdapterHandle;  /* upper edge */
    NDIS_STRING         DeviceName;
    PNDIS_RW_LOCK_EX    StateLock;          /* protects MiniportState */
    IM_MINIPORT_STATE   MiniportState;
    NDIS_EVENT          OpenCompleteEvent;
    NDIS_STATUS         OpenStatus;
    ULONG               PacketFilter;
    ULONG               OutstandingSends;
    ULONG               OutstandingReceives;
} IM_ADAPTER, *PIM_ADAPTER;

/* Context kept for a receive indicated up the stack, until it returns. */
typedef struct _IM_RECV_CONTEXT {
    PIM_ADAPTER     Adapter;
    ULONG           NblCount;
} IM_RECV_CONTEXT, *PIM_RECV_CONTEXT;

/* Driver-wide state. */
typedef struct _IM_GLOBALS {
    NDIS_HANDLE             MiniportDriverHandle;
    NDIS_HANDLE             ProtocolHandle;
    NDIS_HANDLE             DeviceHandle;
    PDEVICE_OBJECT          DeviceObject;
    NDIS_SPIN_LOCK          Lock;               /* protects the fields below */
    LIST_ENTRY              AdapterList;
    ULONG                   AdapterCount;
    ULONG                   RunningMiniports;
    NPAGED_LOOKASIDE_LIST   RecvContextPool;
    NDIS_EVENT              AllAdaptersGone;
} IM_GLOBALS, *PIM_GLOBALS;

extern IM_GLOBALS ImGlobals;

/* driver.c */
DRIVER_INITIALIZE DriverEntry;
MINIPORT_UNLOAD ImUnload;
VOID ImReferenceAdapter(_In_ PIM_ADAPTER Adapter);
VOID ImDereferenceAdapter(_In_ PIM_ADAPTER Adapter);

/* miniport.c */
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;
MINIPORT_PAUSE MpPause;
MINIPORT_RESTART MpRestart;
MINIPORT_OID_REQUEST MpOidRequest;
MINIPORT_SEND_NET_BUFFER_LISTS MpSendNetBufferLists;
MINIPORT_RETURN_NET_BUFFER_LISTS MpReturnNetBufferLists;
MINIPORT_CANCEL_SEND MpCancelSend;
MINIPORT_DEVICE_PNP_EVENT_NOTIFY MpDevicePnPEvent;
MINIPORT_SHUTDOWN MpShutdown;
MINIPORT_CANCEL_OID_REQUEST MpCancelOidRequest;

/* protocol.c */
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;
PROTOCOL_OPEN_ADAPTER_COMPLETE_EX PtOpenAdapterComplete;
PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX PtCloseAdapterComplete;
PROTOCOL_NET_PNP_EVENT PtPnPEvent;
PROTOCOL_OID_REQUEST_COMPLETE PtOidRequestComplete;
PROTOCOL_STATUS_EX PtStatus;
PROTOCOL_RECEIVE_NET_BUFFER_LISTS PtReceiveNetBufferLists;
PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE PtSendNetBufferListsComplete;
VOID PtFillCharacteristics(_Out_ PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS Chars,
                           _In_ PNDIS_STRING Name);

/* device.c */
NDIS_STATUS ImRegisterDevice(VOID);
VOID ImDeregisterDevice(VOID);
DRIVER_DISPATCH ImDeviceDispatch;

#endif /* IMDRV_H */
