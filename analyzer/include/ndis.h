/*
 * ndis.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset of the NDIS 6 interface: status codes,
 * memory/lock/event/list helpers, NET_BUFFER(_LIST) structures and accessors,
 * OID requests, and the miniport, protocol, filter and intermediate-driver
 * registration interfaces with their role (callback) function types. Written
 * from documented names and shapes; only declarations and macros.
 *
 * Version selection: NDISxxx_MINIPORT / NDISxxx (xxx = 60, 61, 620, 630, 640,
 * 650, 651, 660, 670, 680, 681, 682, 683, 684, 685, 686) as in the WDK. When
 * none is defined every NDIS 6 feature is available (NDIS 6.86). The driver
 * characteristics structures always carry their later-revision fields (and the
 * REVISION_2/3 constants are always defined), so code written for any NDIS 6
 * minor version parses whatever version macro is given.
 */
#ifndef _NDIS_
#define _NDIS_
#ifndef NDISLINT_NDIS_H
#define NDISLINT_NDIS_H

#include <ntddk.h>
#include <ntddndis.h>

/* Version selection (NDISLINT_NDIS_VERSION, NDIS_SUPPORT_NDISxxx) lives in
 * ntddndis.h, which both headers need; it is included above. */

#if NDISLINT_NDIS_VERSION == 601
#define NDISLINT_NDIS_MINOR 1
#else
#define NDISLINT_NDIS_MINOR (NDISLINT_NDIS_VERSION - 600)
#endif
#ifndef NDIS_MINIPORT_MAJOR_VERSION
#define NDIS_MINIPORT_MAJOR_VERSION 6
#define NDIS_MINIPORT_MINOR_VERSION NDISLINT_NDIS_MINOR
#endif
#ifndef NDIS_PROTOCOL_MAJOR_VERSION
#define NDIS_PROTOCOL_MAJOR_VERSION 6
#define NDIS_PROTOCOL_MINOR_VERSION NDISLINT_NDIS_MINOR
#endif
#ifndef NDIS_FILTER_MAJOR_VERSION
#define NDIS_FILTER_MAJOR_VERSION 6
#define NDIS_FILTER_MINOR_VERSION NDISLINT_NDIS_MINOR
#endif
#define NDIS_RUNTIME_VERSION_60 ((6 << 16) | 0)
#define NDIS_RUNTIME_VERSION_61 ((6 << 16) | 1)
#define NDIS_RUNTIME_VERSION_620 ((6 << 16) | 20)
#define NDIS_RUNTIME_VERSION_630 ((6 << 16) | 30)

/* Pragma helpers: `#pragma NDIS_INIT_FUNCTION(f)` names alloc_text(INIT, f). */
#define NDIS_INIT_FUNCTION(_F) alloc_text(INIT, _F)
#define NDIS_PAGABLE_FUNCTION(_F) alloc_text(PAGE, _F)
#define NDIS_PAGEABLE_FUNCTION(_F) alloc_text(PAGE, _F)

#define NDISAPI
#define NDIS_API

/* ---- Basic NDIS types -------------------------------------------------- */
/* NDIS_STATUS: ntddndis.h. */
typedef PVOID NDIS_HANDLE, *PNDIS_HANDLE;
typedef UNICODE_STRING NDIS_STRING, *PNDIS_STRING;
typedef STRING NDIS_ANSI_STRING, *PNDIS_ANSI_STRING;
typedef PHYSICAL_ADDRESS NDIS_PHYSICAL_ADDRESS, *PNDIS_PHYSICAL_ADDRESS;
typedef ULONG NDIS_ERROR_CODE, *PNDIS_ERROR_CODE;
typedef USHORT NET_FRAME_TYPE, *PNET_FRAME_TYPE;
typedef MDL NDIS_BUFFER, *PNDIS_BUFFER;
typedef CM_PARTIAL_RESOURCE_LIST NDIS_RESOURCE_LIST, *PNDIS_RESOURCE_LIST;
typedef struct _NDIS_PORT_AUTHENTICATION_PARAMETERS *PNDIS_PORT_AUTHENTICATION_PARAMETERS;
typedef struct _NDIS_PCI_DEVICE_CUSTOM_PROPERTIES *PNDIS_PCI_DEVICE_CUSTOM_PROPERTIES;
typedef struct _NDIS_OFFLOAD *PNDIS_OFFLOAD;
typedef struct _NDIS_TCP_CONNECTION_OFFLOAD *PNDIS_TCP_CONNECTION_OFFLOAD;
typedef struct _NDIS_PORT *PNDIS_PORT;
typedef struct _NDIS_RECEIVE_FILTER_CAPABILITIES *PNDIS_RECEIVE_FILTER_CAPABILITIES;
typedef struct _NDIS_NIC_SWITCH_CAPABILITIES *PNDIS_NIC_SWITCH_CAPABILITIES;
typedef struct _NDIS_HD_SPLIT_CURRENT_CONFIG *PNDIS_HD_SPLIT_CURRENT_CONFIG;
typedef struct _NET_BUFFER_SHARED_MEMORY *PNET_BUFFER_SHARED_MEMORY;
typedef struct _NDIS_HD_SPLIT_ATTRIBUTES *PNDIS_HD_SPLIT_ATTRIBUTES;
typedef struct _NDIS_SRIOV_CAPABILITIES *PNDIS_SRIOV_CAPABILITIES;
typedef struct _NDIS_GFT_OFFLOAD_CAPABILITIES *PNDIS_GFT_OFFLOAD_CAPABILITIES;
typedef struct _NDIS_QOS_CAPABILITIES *PNDIS_QOS_CAPABILITIES;

#define NdisSetPhysicalAddressLow(_PhysicalAddress, _Value) ((_PhysicalAddress).LowPart = (_Value))
#define NdisSetPhysicalAddressHigh(_PhysicalAddress, _Value) ((_PhysicalAddress).HighPart = (_Value))
#define NdisGetPhysicalAddressLow(_PhysicalAddress) ((_PhysicalAddress).LowPart)
#define NdisGetPhysicalAddressHigh(_PhysicalAddress) ((_PhysicalAddress).HighPart)

/* ---- Status codes ------------------------------------------------------ */
#define NDIS_STATUS_SUCCESS                 ((NDIS_STATUS)STATUS_SUCCESS)
#define NDIS_STATUS_PENDING                 ((NDIS_STATUS)STATUS_PENDING)
#define NDIS_STATUS_NOT_RECOGNIZED          ((NDIS_STATUS)0x00010001L)
#define NDIS_STATUS_NOT_COPIED              ((NDIS_STATUS)0x00010002L)
#define NDIS_STATUS_NOT_ACCEPTED            ((NDIS_STATUS)0x00010003L)
#define NDIS_STATUS_CALL_ACTIVE             ((NDIS_STATUS)0x00010007L)
#define NDIS_STATUS_INDICATION_REQUIRED     ((NDIS_STATUS)STATUS_NDIS_INDICATION_REQUIRED)
#define NDIS_STATUS_ONLINE                  ((NDIS_STATUS)0x40010003L)
#define NDIS_STATUS_RESET_START             ((NDIS_STATUS)0x40010004L)
#define NDIS_STATUS_RESET_END               ((NDIS_STATUS)0x40010005L)
#define NDIS_STATUS_RING_STATUS             ((NDIS_STATUS)0x40010006L)
#define NDIS_STATUS_CLOSED                  ((NDIS_STATUS)0x40010007L)
#define NDIS_STATUS_WAN_LINE_UP             ((NDIS_STATUS)0x40010008L)
#define NDIS_STATUS_WAN_LINE_DOWN           ((NDIS_STATUS)0x40010009L)
#define NDIS_STATUS_WAN_FRAGMENT            ((NDIS_STATUS)0x4001000AL)
#define NDIS_STATUS_MEDIA_CONNECT           ((NDIS_STATUS)0x4001000BL)
#define NDIS_STATUS_MEDIA_DISCONNECT        ((NDIS_STATUS)0x4001000CL)
#define NDIS_STATUS_HARDWARE_LINE_UP        ((NDIS_STATUS)0x4001000DL)
#define NDIS_STATUS_HARDWARE_LINE_DOWN      ((NDIS_STATUS)0x4001000EL)
#define NDIS_STATUS_INTERFACE_UP            ((NDIS_STATUS)0x4001000FL)
#define NDIS_STATUS_INTERFACE_DOWN          ((NDIS_STATUS)0x40010010L)
#define NDIS_STATUS_MEDIA_BUSY              ((NDIS_STATUS)0x40010011L)
#define NDIS_STATUS_MEDIA_SPECIFIC_INDICATION ((NDIS_STATUS)0x40010012L)
#define NDIS_STATUS_LINK_SPEED_CHANGE       ((NDIS_STATUS)0x40010013L)
#define NDIS_STATUS_LINK_STATE              ((NDIS_STATUS)0x40010017L)
#if NDIS_SUPPORT_NDIS620
#define NDIS_STATUS_RECEIVE_QUEUE_STATE     ((NDIS_STATUS)0x4002000DL)
#endif
#if NDIS_SUPPORT_NDIS630
#define NDIS_STATUS_VF_CONFIG_STATE         ((NDIS_STATUS)0x4002000EL)
#define NDIS_STATUS_RECEIVE_FILTER_CURRENT_CAPABILITIES  ((NDIS_STATUS)0x40020010L)
#define NDIS_STATUS_RECEIVE_FILTER_HARDWARE_CAPABILITIES ((NDIS_STATUS)0x40020020L)
#define NDIS_STATUS_RECEIVE_FILTER_QUEUE_PARAMETERS      ((NDIS_STATUS)0x40020030L)
#define NDIS_STATUS_NIC_SWITCH_CURRENT_CAPABILITIES      ((NDIS_STATUS)0x40020040L)
#define NDIS_STATUS_NIC_SWITCH_HARDWARE_CAPABILITIES     ((NDIS_STATUS)0x40020050L)
#define NDIS_STATUS_QOS_OPERATIONAL_PARAMETERS_CHANGE    ((NDIS_STATUS)0x400200A0L)
#define NDIS_STATUS_QOS_REMOTE_PARAMETERS_CHANGE         ((NDIS_STATUS)0x400200A1L)
#endif
#define NDIS_STATUS_NOT_RESETTABLE          ((NDIS_STATUS)0x80010001L)
#define NDIS_STATUS_SOFT_ERRORS             ((NDIS_STATUS)0x80010003L)
#define NDIS_STATUS_HARD_ERRORS             ((NDIS_STATUS)0x80010004L)
#define NDIS_STATUS_BUFFER_OVERFLOW         ((NDIS_STATUS)STATUS_BUFFER_OVERFLOW)
#define NDIS_STATUS_FAILURE                 ((NDIS_STATUS)STATUS_UNSUCCESSFUL)
#define NDIS_STATUS_RESOURCES               ((NDIS_STATUS)STATUS_INSUFFICIENT_RESOURCES)
#define NDIS_STATUS_CLOSING                 ((NDIS_STATUS)STATUS_NDIS_CLOSING)
#define NDIS_STATUS_BAD_VERSION             ((NDIS_STATUS)STATUS_NDIS_BAD_VERSION)
#define NDIS_STATUS_BAD_CHARACTERISTICS     ((NDIS_STATUS)STATUS_NDIS_BAD_CHARACTERISTICS)
#define NDIS_STATUS_ADAPTER_NOT_FOUND       ((NDIS_STATUS)STATUS_NDIS_ADAPTER_NOT_FOUND)
#define NDIS_STATUS_OPEN_FAILED             ((NDIS_STATUS)STATUS_NDIS_OPEN_FAILED)
#define NDIS_STATUS_DEVICE_FAILED           ((NDIS_STATUS)STATUS_NDIS_DEVICE_FAILED)
#define NDIS_STATUS_MULTICAST_FULL          ((NDIS_STATUS)STATUS_NDIS_MULTICAST_FULL)
#define NDIS_STATUS_MULTICAST_EXISTS        ((NDIS_STATUS)STATUS_NDIS_MULTICAST_EXISTS)
#define NDIS_STATUS_MULTICAST_NOT_FOUND     ((NDIS_STATUS)STATUS_NDIS_MULTICAST_NOT_FOUND)
#define NDIS_STATUS_REQUEST_ABORTED         ((NDIS_STATUS)STATUS_NDIS_REQUEST_ABORTED)
#define NDIS_STATUS_RESET_IN_PROGRESS       ((NDIS_STATUS)STATUS_NDIS_RESET_IN_PROGRESS)
#define NDIS_STATUS_NOT_SUPPORTED           ((NDIS_STATUS)STATUS_NOT_SUPPORTED)
#define NDIS_STATUS_INVALID_PACKET          ((NDIS_STATUS)STATUS_NDIS_INVALID_PACKET)
#define NDIS_STATUS_ADAPTER_NOT_READY       ((NDIS_STATUS)STATUS_NDIS_ADAPTER_NOT_READY)
#define NDIS_STATUS_INVALID_LENGTH          ((NDIS_STATUS)STATUS_NDIS_INVALID_LENGTH)
#define NDIS_STATUS_INVALID_DATA            ((NDIS_STATUS)STATUS_NDIS_INVALID_DATA)
#define NDIS_STATUS_BUFFER_TOO_SHORT        ((NDIS_STATUS)STATUS_NDIS_BUFFER_TOO_SHORT)
#define NDIS_STATUS_INVALID_OID             ((NDIS_STATUS)STATUS_NDIS_INVALID_OID)
#define NDIS_STATUS_ADAPTER_REMOVED         ((NDIS_STATUS)STATUS_NDIS_ADAPTER_REMOVED)
#define NDIS_STATUS_UNSUPPORTED_MEDIA       ((NDIS_STATUS)STATUS_NDIS_UNSUPPORTED_MEDIA)
#define NDIS_STATUS_GROUP_ADDRESS_IN_USE    ((NDIS_STATUS)STATUS_NDIS_GROUP_ADDRESS_IN_USE)
#define NDIS_STATUS_FILE_NOT_FOUND          ((NDIS_STATUS)STATUS_NDIS_FILE_NOT_FOUND)
#define NDIS_STATUS_ERROR_READING_FILE      ((NDIS_STATUS)STATUS_NDIS_ERROR_READING_FILE)
#define NDIS_STATUS_ALREADY_MAPPED          ((NDIS_STATUS)STATUS_NDIS_ALREADY_MAPPED)
#define NDIS_STATUS_RESOURCE_CONFLICT       ((NDIS_STATUS)STATUS_NDIS_RESOURCE_CONFLICT)
#define NDIS_STATUS_MEDIA_DISCONNECTED      ((NDIS_STATUS)STATUS_NDIS_MEDIA_DISCONNECTED)
#define NDIS_STATUS_INVALID_ADDRESS         ((NDIS_STATUS)STATUS_NDIS_INVALID_ADDRESS)
#define NDIS_STATUS_INVALID_DEVICE_REQUEST  ((NDIS_STATUS)STATUS_INVALID_DEVICE_REQUEST)
#define NDIS_STATUS_PAUSED                  ((NDIS_STATUS)STATUS_NDIS_PAUSED)
#define NDIS_STATUS_INTERFACE_NOT_FOUND     ((NDIS_STATUS)STATUS_NDIS_INTERFACE_NOT_FOUND)
#define NDIS_STATUS_UNSUPPORTED_REVISION    ((NDIS_STATUS)STATUS_NDIS_UNSUPPORTED_REVISION)
#define NDIS_STATUS_INVALID_PORT            ((NDIS_STATUS)STATUS_NDIS_INVALID_PORT)
#define NDIS_STATUS_INVALID_PORT_STATE      ((NDIS_STATUS)STATUS_NDIS_INVALID_PORT_STATE)
#define NDIS_STATUS_LOW_POWER_STATE         ((NDIS_STATUS)STATUS_NDIS_LOW_POWER_STATE)
#define NDIS_STATUS_REINIT_REQUIRED         ((NDIS_STATUS)STATUS_NDIS_REINIT_REQUIRED)
#define NDIS_STATUS_NO_QUEUES               ((NDIS_STATUS)STATUS_NDIS_NO_QUEUES)
#define NDIS_STATUS_INVALID_PARAMETER       ((NDIS_STATUS)STATUS_INVALID_PARAMETER)
#define NDIS_STATUS_SEND_ABORTED            ((NDIS_STATUS)STATUS_NDIS_REQUEST_ABORTED)
#define NDIS_STATUS_OFFLOAD_POLICY          ((NDIS_STATUS)STATUS_NDIS_OFFLOAD_POLICY)

/* ---- Memory ------------------------------------------------------------ */
#define NdisZeroMemory(Destination, Length) RtlZeroMemory(Destination, Length)
#define NdisMoveMemory(Destination, Source, Length) RtlCopyMemory(Destination, Source, Length)
#define NdisMoveMappedMemory(Destination, Source, Length) RtlCopyMemory(Destination, Source, Length)
#define NdisFillMemory(Destination, Length, Fill) RtlFillMemory(Destination, Length, Fill)
#define NdisEqualMemory(Source1, Source2, Length) RtlEqualMemory(Source1, Source2, Length)
#define NdisRetrieveUlong(Destination, Source) RtlCopyMemory(Destination, Source, sizeof(ULONG))
#define NdisStoreUlong(Destination, Value) \
    do { ULONG NdislintValue_ = (Value); RtlCopyMemory(Destination, &NdislintValue_, sizeof(ULONG)); } while (0)

#define NDIS_MEMORY_CONTIGUOUS 0x00000001
#define NDIS_MEMORY_NONCACHED  0x00000002

NDISAPI NDIS_STATUS NdisAllocateMemoryWithTag(_At_(*VirtualAddress, __drv_allocatesMem(Mem))
                                              _Outptr_result_bytebuffer_(Length) PVOID *VirtualAddress,
                                              _In_ UINT Length, _In_ ULONG Tag);
NDISAPI PVOID NdisAllocateMemoryWithTagPriority(_In_ NDIS_HANDLE NdisHandle, _In_ UINT Length,
                                                _In_ ULONG Tag, _In_ EX_POOL_PRIORITY Priority);
NDISAPI VOID NdisFreeMemory(_In_reads_bytes_(Length) __drv_freesMem(Mem) PVOID VirtualAddress,
                            _In_ UINT Length, _In_ UINT MemoryFlags);
NDISAPI VOID NdisFreeMemoryWithTag(_In_ __drv_freesMem(Mem) PVOID VirtualAddress, _In_ ULONG Tag);
NDISAPI VOID NdisFreeMemoryWithTagPriority(_In_ NDIS_HANDLE NdisHandle,
                                           _In_ __drv_freesMem(Mem) PVOID VirtualAddress,
                                           _In_ ULONG Tag);
NDISAPI ULONG NdisGetSharedDataAlignment(VOID);

/* ---- Strings ------------------------------------------------------------ */
#define NDIS_STRING_CONST(x) { sizeof(L##x) - 2, sizeof(L##x), L##x }
NDISAPI VOID NdisInitUnicodeString(_Out_ PNDIS_STRING Destination, _In_opt_z_ PCWSTR Source);
NDISAPI VOID NdisInitAnsiString(_Out_ PNDIS_ANSI_STRING Destination, _In_opt_z_ PCSTR Source);
NDISAPI NDIS_STATUS NdisAnsiStringToUnicodeString(_Inout_ PNDIS_STRING Destination,
                                                  _In_ PNDIS_ANSI_STRING Source);
NDISAPI NDIS_STATUS NdisUnicodeStringToAnsiString(_Inout_ PNDIS_ANSI_STRING Destination,
                                                  _In_ PNDIS_STRING Source);
NDISAPI NDIS_STATUS NdisUpcaseUnicodeString(_Out_ PUNICODE_STRING DestinationString,
                                            _In_ PUNICODE_STRING SourceString);
#define NdisEqualString(_String1, _String2, _CaseInsensitive) \
    RtlEqualUnicodeString(_String1, _String2, _CaseInsensitive)
#define NdisEqualUnicodeString NdisEqualString
#define NdisFreeString(_String) NdisFreeMemory((_String).Buffer, (_String).MaximumLength, 0)
#define NdisPrintString(_String) DbgPrint("%ls", (_String).Buffer)

/* ---- Spin locks, read/write locks, events, timing ------------------------ */
typedef struct _NDIS_SPIN_LOCK {
    KSPIN_LOCK SpinLock;
    KIRQL OldIrql;
} NDIS_SPIN_LOCK, *PNDIS_SPIN_LOCK;

NDISAPI VOID NdisAllocateSpinLock(_Out_ PNDIS_SPIN_LOCK SpinLock);
NDISAPI VOID NdisFreeSpinLock(_In_ PNDIS_SPIN_LOCK SpinLock);
NDISAPI VOID NdisAcquireSpinLock(_Inout_ PNDIS_SPIN_LOCK SpinLock);
NDISAPI VOID NdisReleaseSpinLock(_Inout_ PNDIS_SPIN_LOCK SpinLock);
NDISAPI VOID NdisDprAcquireSpinLock(_Inout_ PNDIS_SPIN_LOCK SpinLock);
NDISAPI VOID NdisDprReleaseSpinLock(_Inout_ PNDIS_SPIN_LOCK SpinLock);

typedef struct _NDIS_RW_LOCK_EX NDIS_RW_LOCK_EX, *PNDIS_RW_LOCK_EX;
typedef struct _LOCK_STATE_EX {
    KIRQL OldIrql;
    UCHAR LockState;
    UCHAR Flags;
} LOCK_STATE_EX, *PLOCK_STATE_EX;
#define NDIS_RWL_AT_DISPATCH_LEVEL 1

NDISAPI PNDIS_RW_LOCK_EX NdisAllocateRWLock(_In_ NDIS_HANDLE NdisHandle);
NDISAPI VOID NdisFreeRWLock(_In_ PNDIS_RW_LOCK_EX Lock);
NDISAPI VOID NdisAcquireRWLockRead(_In_ PNDIS_RW_LOCK_EX Lock, _Out_ PLOCK_STATE_EX LockState,
                                   _In_ UCHAR Flags);
NDISAPI VOID NdisAcquireRWLockWrite(_In_ PNDIS_RW_LOCK_EX Lock, _Out_ PLOCK_STATE_EX LockState,
                                    _In_ UCHAR Flags);
NDISAPI VOID NdisReleaseRWLock(_In_ PNDIS_RW_LOCK_EX Lock, _In_ PLOCK_STATE_EX LockState);

typedef union _NDIS_RW_LOCK_REFCOUNT {
    ULONG RefCount;
    UCHAR cacheLine[16];
} NDIS_RW_LOCK_REFCOUNT;

typedef struct _NDIS_RW_LOCK {
    union {
        struct {
            KSPIN_LOCK SpinLock;
            PVOID Context;
        };
        UCHAR Reserved[16];
    };
    union {
        NDIS_RW_LOCK_REFCOUNT RefCount[MAXIMUM_PROCESSORS];
        ULONG RefCountEx[sizeof(NDIS_RW_LOCK_REFCOUNT) / sizeof(ULONG) * MAXIMUM_PROCESSORS];
        struct {
            KSPIN_LOCK RefCountLock;
            volatile ULONG SharedRefCount;
            volatile BOOLEAN WriterWaiting;
        };
    };
} NDIS_RW_LOCK, *PNDIS_RW_LOCK;

typedef struct _LOCK_STATE {
    USHORT LockState;
    KIRQL OldIrql;
} LOCK_STATE, *PLOCK_STATE;

NDISAPI VOID NdisInitializeReadWriteLock(_Out_ PNDIS_RW_LOCK Lock);
NDISAPI VOID NdisAcquireReadWriteLock(_Inout_ PNDIS_RW_LOCK Lock, _In_ BOOLEAN fWrite,
                                      _Out_ PLOCK_STATE LockState);
NDISAPI VOID NdisReleaseReadWriteLock(_Inout_ PNDIS_RW_LOCK Lock, _In_ PLOCK_STATE LockState);

typedef struct _NDIS_EVENT {
    KEVENT Event;
} NDIS_EVENT, *PNDIS_EVENT;

NDISAPI VOID NdisInitializeEvent(_Out_ PNDIS_EVENT Event);
NDISAPI VOID NdisSetEvent(_In_ PNDIS_EVENT Event);
NDISAPI VOID NdisResetEvent(_In_ PNDIS_EVENT Event);
NDISAPI BOOLEAN NdisWaitEvent(_In_ PNDIS_EVENT Event, _In_ UINT MsToWait);

#define NdisInterlockedIncrement(Addend) InterlockedIncrement(Addend)
#define NdisInterlockedDecrement(Addend) InterlockedDecrement(Addend)
#define NdisInterlockedAddUlong(_Addend, _Increment, _SpinLock) \
    ((void)InterlockedExchangeAdd((LONG volatile *)(_Addend), (LONG)(_Increment)))
#define NdisInterlockedAddLargeStatistic(_Addend, _Increment) \
    InterlockedExchangeAdd64((LONG64 volatile *)(_Addend), (LONG64)(_Increment))
#define NdisInitializeListHead(_ListHead) InitializeListHead(_ListHead)
#define NdisInterlockedInsertHeadList(_ListHead, _ListEntry, _SpinLock) \
    ExInterlockedInsertHeadList(_ListHead, _ListEntry, &(_SpinLock)->SpinLock)
#define NdisInterlockedInsertTailList(_ListHead, _ListEntry, _SpinLock) \
    ExInterlockedInsertTailList(_ListHead, _ListEntry, &(_SpinLock)->SpinLock)
#define NdisInterlockedRemoveHeadList(_ListHead, _SpinLock) \
    ExInterlockedRemoveHeadList(_ListHead, &(_SpinLock)->SpinLock)
#define NdisInterlockedPushEntryList(ListHead, ListEntry, Lock) \
    ExInterlockedPushEntryList(ListHead, ListEntry, &(Lock)->SpinLock)
#define NdisInterlockedPopEntryList(ListHead, Lock) \
    ExInterlockedPopEntryList(ListHead, &(Lock)->SpinLock)

#define NDIS_CURRENT_IRQL() KeGetCurrentIrql()
#define NDIS_RAISE_IRQL_TO_DISPATCH(_pIrql_) KeRaiseIrql(DISPATCH_LEVEL, _pIrql_)
#define NDIS_LOWER_IRQL(_OldIrql_, _CurIrql_) \
    do { \
        if ((_OldIrql_) != (_CurIrql_)) { \
            KeLowerIrql(_OldIrql_); \
        } \
    } while (0)

NDISAPI VOID NdisMSleep(_In_ ULONG MicrosecondsToSleep);
#define NdisStallExecution(MicroSecondsToStall) KeStallExecutionProcessor(MicroSecondsToStall)
#define NdisGetCurrentSystemTime(_pSystemTime) KeQuerySystemTime(_pSystemTime)
NDISAPI VOID NdisGetSystemUpTimeEx(_Out_ PLARGE_INTEGER pSystemUpTime);
NDISAPI VOID NdisGetSystemUpTime(_Out_ PULONG pSystemUpTime);
NDISAPI CCHAR NdisSystemProcessorCount(VOID);
NDISAPI ULONG NdisGroupMaxProcessorCount(_In_ USHORT Group);
NDISAPI ULONG NdisGroupActiveProcessorCount(_In_ USHORT Group);
NDISAPI ULONG NdisSystemActiveProcessorCount(_Out_opt_ PKAFFINITY ActiveProcessors);
NDISAPI UINT NdisGetVersion(VOID);
NDISAPI PVOID NdisGetRoutineAddress(_In_ PNDIS_STRING NdisRoutineName);
#define NdisGetCurrentProcessorCpuUsage(pCpuUsage) (*(pCpuUsage) = 0)
#define NdisGetCurrentProcessorCounts(pIdleCount, pKernelAndUser, pIndex) \
    (*(pIdleCount) = 0, *(pKernelAndUser) = 0, *(pIndex) = 0)

/* ---- Lookaside lists ---------------------------------------------------- */
NDISAPI VOID NdisInitializeNPagedLookasideList(_Out_ PNPAGED_LOOKASIDE_LIST Lookaside,
                                               _In_opt_ PALLOCATE_FUNCTION Allocate,
                                               _In_opt_ PFREE_FUNCTION Free,
                                               _In_ ULONG Flags, _In_ ULONG Size,
                                               _In_ ULONG Tag, _In_ USHORT Depth);
NDISAPI VOID NdisDeleteNPagedLookasideList(_Inout_ PNPAGED_LOOKASIDE_LIST Lookaside);
NDISAPI PVOID NdisAllocateFromNPagedLookasideList(_Inout_ PNPAGED_LOOKASIDE_LIST Lookaside);
NDISAPI VOID NdisFreeToNPagedLookasideList(_Inout_ PNPAGED_LOOKASIDE_LIST Lookaside,
                                           _In_ PVOID Entry);

/* ---- Timers and work items ----------------------------------------------- */
typedef VOID NDIS_TIMER_FUNCTION(_In_ PVOID SystemSpecific1, _In_ PVOID FunctionContext,
                                 _In_ PVOID SystemSpecific2, _In_ PVOID SystemSpecific3);
typedef NDIS_TIMER_FUNCTION *PNDIS_TIMER_FUNCTION;

typedef struct _NDIS_TIMER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    ULONG AllocationTag;
    PNDIS_TIMER_FUNCTION TimerFunction;
    PVOID FunctionContext;
} NDIS_TIMER_CHARACTERISTICS, *PNDIS_TIMER_CHARACTERISTICS;
#define NDIS_TIMER_CHARACTERISTICS_REVISION_1 1
#define NDIS_SIZEOF_TIMER_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_TIMER_CHARACTERISTICS, FunctionContext)

NDISAPI NDIS_STATUS NdisAllocateTimerObject(_In_ NDIS_HANDLE NdisHandle,
                                            _In_ PNDIS_TIMER_CHARACTERISTICS TimerCharacteristics,
                                            _Out_ PNDIS_HANDLE pTimerObject);
NDISAPI BOOLEAN NdisSetTimerObject(_In_ NDIS_HANDLE TimerObject, _In_ LARGE_INTEGER DueTime,
                                   _In_opt_ LONG MillisecondsPeriod,
                                   _In_opt_ PVOID FunctionContext);
NDISAPI BOOLEAN NdisCancelTimerObject(_In_ NDIS_HANDLE TimerObject);
NDISAPI VOID NdisFreeTimerObject(_In_ NDIS_HANDLE TimerObject);

typedef VOID NDIS_IO_WORKITEM_FUNCTION(_In_opt_ PVOID WorkItemContext,
                                       _In_ NDIS_HANDLE NdisIoWorkItemHandle);
typedef NDIS_IO_WORKITEM_FUNCTION (*NDIS_IO_WORKITEM_ROUTINE);
NDISAPI NDIS_HANDLE NdisAllocateIoWorkItem(_In_ NDIS_HANDLE NdisObjectHandle);
NDISAPI VOID NdisQueueIoWorkItem(_In_ NDIS_HANDLE NdisIoWorkItemHandle,
                                 _In_ NDIS_IO_WORKITEM_ROUTINE Routine,
                                 _In_ PVOID WorkItemContext);
NDISAPI VOID NdisFreeIoWorkItem(_In_ NDIS_HANDLE NdisIoWorkItemHandle);

/* ---- Configuration -------------------------------------------------------- */
typedef enum _NDIS_PARAMETER_TYPE {
    NdisParameterInteger,
    NdisParameterHexInteger,
    NdisParameterString,
    NdisParameterMultiString,
    NdisParameterBinary
} NDIS_PARAMETER_TYPE, *PNDIS_PARAMETER_TYPE;

typedef struct {
    USHORT Length;
    PVOID Buffer;
} BINARY_DATA;

typedef struct _NDIS_CONFIGURATION_PARAMETER {
    NDIS_PARAMETER_TYPE ParameterType;
    union {
        ULONG IntegerData;
        NDIS_STRING StringData;
        BINARY_DATA BinaryData;
    } ParameterData;
} NDIS_CONFIGURATION_PARAMETER, *PNDIS_CONFIGURATION_PARAMETER;

typedef struct _NDIS_CONFIGURATION_OBJECT {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE NdisHandle;
    ULONG Flags;
} NDIS_CONFIGURATION_OBJECT, *PNDIS_CONFIGURATION_OBJECT;
#define NDIS_CONFIGURATION_OBJECT_REVISION_1 1
#define NDIS_SIZEOF_CONFIGURATION_OBJECT_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_CONFIGURATION_OBJECT, Flags)
#define NDIS_CONFIG_FLAG_FILTER_INSTANCE_CONFIGURATION 0x00000001

NDISAPI NDIS_STATUS NdisOpenConfigurationEx(_In_ PNDIS_CONFIGURATION_OBJECT ConfigObject,
                                            _Out_ PNDIS_HANDLE ConfigurationHandle);
NDISAPI VOID NdisReadConfiguration(_Out_ PNDIS_STATUS Status,
                                   _Out_ PNDIS_CONFIGURATION_PARAMETER *ParameterValue,
                                   _In_ NDIS_HANDLE ConfigurationHandle,
                                   _In_ PNDIS_STRING Keyword,
                                   _In_ NDIS_PARAMETER_TYPE ParameterType);
NDISAPI VOID NdisWriteConfiguration(_Out_ PNDIS_STATUS Status,
                                    _In_ NDIS_HANDLE ConfigurationHandle,
                                    _In_ PNDIS_STRING Keyword,
                                    _In_ PNDIS_CONFIGURATION_PARAMETER ParameterValue);
NDISAPI VOID NdisCloseConfiguration(_In_ NDIS_HANDLE ConfigurationHandle);
NDISAPI VOID NdisReadNetworkAddress(_Out_ PNDIS_STATUS Status, _Out_ PVOID *NetworkAddress,
                                    _Out_ PUINT NetworkAddressLength,
                                    _In_ NDIS_HANDLE ConfigurationHandle);
NDISAPI VOID NdisOpenConfigurationKeyByName(_Out_ PNDIS_STATUS Status,
                                            _In_ NDIS_HANDLE ConfigurationHandle,
                                            _In_ PNDIS_STRING SubKeyName,
                                            _Out_ PNDIS_HANDLE SubKeyHandle);
NDISAPI VOID NdisOpenConfigurationKeyByIndex(_Out_ PNDIS_STATUS Status,
                                             _In_ NDIS_HANDLE ConfigurationHandle,
                                             _In_ ULONG Index, _Out_ PNDIS_STRING KeyName,
                                             _Out_ PNDIS_HANDLE KeyHandle);

/* ---- Logging -------------------------------------------------------------- */
#define NDIS_ERROR_CODE_RESOURCE_CONFLICT          EVENT_NDIS_RESOURCE_CONFLICT
#define NDIS_ERROR_CODE_OUT_OF_RESOURCES           EVENT_NDIS_OUT_OF_RESOURCE
#define NDIS_ERROR_CODE_HARDWARE_FAILURE           EVENT_NDIS_HARDWARE_FAILURE
#define NDIS_ERROR_CODE_ADAPTER_NOT_FOUND          EVENT_NDIS_ADAPTER_NOT_FOUND
#define NDIS_ERROR_CODE_DRIVER_FAILURE             EVENT_NDIS_DRIVER_FAILURE
#define EVENT_NDIS_RESOURCE_CONFLICT  0xC0001388L
#define EVENT_NDIS_OUT_OF_RESOURCE    0xC0001389L
#define EVENT_NDIS_HARDWARE_FAILURE   0xC000138AL
#define EVENT_NDIS_ADAPTER_NOT_FOUND  0xC000138BL
#define EVENT_NDIS_DRIVER_FAILURE     0xC000139AL

NDISAPI VOID __cdecl NdisWriteErrorLogEntry(_In_ NDIS_HANDLE NdisAdapterHandle,
                                            _In_ NDIS_ERROR_CODE ErrorCode,
                                            _In_ ULONG NumberOfErrorValues, ...);
NDISAPI NDIS_STATUS NdisWriteEventLogEntry(_In_ PVOID LogHandle, _In_ NDIS_STATUS EventCode,
                                           _In_ ULONG UniqueEventValue, _In_ USHORT NumStrings,
                                           _In_opt_ PVOID StringsList, _In_ ULONG DataSize,
                                           _In_reads_bytes_opt_(DataSize) PVOID Data);

/* ---- Mutexes (kernel mutex objects) ------------------------------------------ */
typedef KMUTEX NDIS_MUTEX, *PNDIS_MUTEX;
#define NDIS_INIT_MUTEX(_M) KeInitializeMutex(_M, 0xFFFF)
#define NDIS_WAIT_FOR_MUTEX(_M) \
    KeWaitForSingleObject((PVOID)(_M), Executive, KernelMode, FALSE, (PLARGE_INTEGER)NULL)
#define NDIS_RELEASE_MUTEX(_M) KeReleaseMutex(_M, FALSE)

/* ---- Ethernet address helpers --------------------------------------------------- */
#define ETH_LENGTH_OF_ADDRESS 6
#define ETH_IS_BROADCAST(Address) \
    ((((PUCHAR)(Address))[0] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[1] == ((UCHAR)0xff)) && \
     (((PUCHAR)(Address))[2] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[3] == ((UCHAR)0xff)) && \
     (((PUCHAR)(Address))[4] == ((UCHAR)0xff)) && (((PUCHAR)(Address))[5] == ((UCHAR)0xff)))
#define ETH_COPY_NETWORK_ADDRESS(_D, _S) RtlCopyMemory((_D), (_S), ETH_LENGTH_OF_ADDRESS)
#define ETH_IS_MULTICAST(Address) ((BOOLEAN)(((PUCHAR)(Address))[0] & ((UCHAR)0x01)))
#define ETH_COMPARE_NETWORK_ADDRESSES_EQ(_A, _B, _Result) \
    (*(_Result) = (RtlEqualMemory((_A), (_B), ETH_LENGTH_OF_ADDRESS) ? 0 : 1))
#define ETH_COMPARE_NETWORK_ADDRESSES(_A, _B, _Result) \
    (*(_Result) = memcmp((_A), (_B), ETH_LENGTH_OF_ADDRESS))

/* ---- MDL helpers ----------------------------------------------------------- */
#define NDIS_MDL_LINKAGE(_Mdl) ((_Mdl)->Next)
#define NdisGetNextMdl(_CurrentMdl, _NextMdl) (*(_NextMdl) = (_CurrentMdl)->Next)
#define NdisQueryMdl(_Mdl, _VirtualAddress, _Length, _Priority) \
    do { \
        if (ARGUMENT_PRESENT(_VirtualAddress)) { \
            *(PVOID *)(_VirtualAddress) = MmGetSystemAddressForMdlSafe(_Mdl, _Priority); \
        } \
        *(_Length) = MmGetMdlByteCount(_Mdl); \
    } while (0)
#define NdisQueryMdlOffset(_Mdl, _Offset, _Length) \
    do { \
        *(_Offset) = MmGetMdlByteOffset(_Mdl); \
        *(_Length) = MmGetMdlByteCount(_Mdl); \
    } while (0)
#define NdisAdjustMdlLength(_Mdl, _Length) ((_Mdl)->ByteCount = (_Length))
#define NDIS_MDL_TO_SPAN_PAGES(_Mdl) \
    ADDRESS_AND_SIZE_TO_SPAN_PAGES(MmGetMdlVirtualAddress(_Mdl), MmGetMdlByteCount(_Mdl))
NDISAPI PMDL NdisAllocateMdl(_In_ NDIS_HANDLE NdisHandle,
                             _In_reads_bytes_(Length) PVOID VirtualAddress, _In_ UINT Length);
NDISAPI VOID NdisFreeMdl(_In_ PMDL Mdl);

/* ---- NET_BUFFER and NET_BUFFER_LIST -------------------------------------- */
typedef struct _NET_BUFFER NET_BUFFER, *PNET_BUFFER;
typedef struct _NET_BUFFER_LIST_CONTEXT NET_BUFFER_LIST_CONTEXT, *PNET_BUFFER_LIST_CONTEXT;
typedef struct _NET_BUFFER_LIST NET_BUFFER_LIST, *PNET_BUFFER_LIST;

typedef union _NET_BUFFER_DATA_LENGTH {
    ULONG DataLength;
    SIZE_T stDataLength;
} NET_BUFFER_DATA_LENGTH, *PNET_BUFFER_DATA_LENGTH;

typedef struct _NET_BUFFER_DATA {
    PNET_BUFFER Next;
    PMDL CurrentMdl;
    ULONG CurrentMdlOffset;
    union {
        ULONG DataLength;
        SIZE_T stDataLength;
    };
    PMDL MdlChain;
    ULONG DataOffset;
} NET_BUFFER_DATA, *PNET_BUFFER_DATA;

typedef union _NET_BUFFER_HEADER {
    NET_BUFFER_DATA NetBufferData;
    SLIST_HEADER Link;
} NET_BUFFER_HEADER, *PNET_BUFFER_HEADER;

struct _NET_BUFFER {
    union {
        struct {
            PNET_BUFFER Next;
            PMDL CurrentMdl;
            ULONG CurrentMdlOffset;
            union {
                ULONG DataLength;
                SIZE_T stDataLength;
            };
            PMDL MdlChain;
            ULONG DataOffset;
        };
        SLIST_HEADER Link;
        NET_BUFFER_HEADER NetBufferHeader;
    };
    USHORT ChecksumBias;
    USHORT Reserved;
    NDIS_HANDLE NdisPoolHandle;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID NdisReserved[2];
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID ProtocolReserved[6];
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID MiniportReserved[4];
    NDIS_PHYSICAL_ADDRESS DataPhysicalAddress;
    union {
        PNET_BUFFER_SHARED_MEMORY SharedMemoryInfo;
        PSCATTER_GATHER_LIST ScatterGatherList;
    };
};

struct _NET_BUFFER_LIST_CONTEXT {
    PNET_BUFFER_LIST_CONTEXT Next;
    USHORT Size;
    USHORT Offset;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) UCHAR ContextData[1];
};

typedef enum _NDIS_NET_BUFFER_LIST_INFO {
    TcpIpChecksumNetBufferListInfo,
    TcpOffloadBytesTransferred = TcpIpChecksumNetBufferListInfo,
    IPsecOffloadV1NetBufferListInfo,
    IPsecOffloadV2NetBufferListInfo = IPsecOffloadV1NetBufferListInfo,
    TcpLargeSendNetBufferListInfo,
    TcpReceiveNoPush = TcpLargeSendNetBufferListInfo,
    ClassificationHandleNetBufferListInfo,
    Ieee8021QNetBufferListInfo,
    NetBufferListCancelId,
    MediaSpecificInformation,
    NetBufferListFrameType,
    NetBufferListProtocolId = NetBufferListFrameType,
    NetBufferListHashValue,
    NetBufferListHashInfo,
    WfpNetBufferListInfo,
    IPsecOffloadV2TunnelNetBufferListInfo,
    IPsecOffloadV2HeaderNetBufferListInfo,
    NetBufferListCorrelationId,
    NetBufferListFilteringInfo,
    MediaSpecificInformationEx,
    NblOriginalInterfaceIfIndex,
    NblReAuthWfpFlowContext = NblOriginalInterfaceIfIndex,
    TcpReceiveBytesTransferred,
    NrtNameResolutionId,
    TcpSendOffloadsSupplementalNetBufferListInfo,
    UdpSegmentationOffloadInfo = TcpSendOffloadsSupplementalNetBufferListInfo,
    NetBufferListManualMatchId,
    GftOffloadInformation,
    GftFlowEntryId,
    NetBufferListInfoReserved3,
    MaxNetBufferListInfo
} NDIS_NET_BUFFER_LIST_INFO, *PNDIS_NET_BUFFER_LIST_INFO;

typedef struct _NET_BUFFER_LIST_DATA {
    PNET_BUFFER_LIST Next;
    PNET_BUFFER FirstNetBuffer;
} NET_BUFFER_LIST_DATA, *PNET_BUFFER_LIST_DATA;

typedef union _NET_BUFFER_LIST_HEADER {
    NET_BUFFER_LIST_DATA NetBufferListData;
    SLIST_HEADER Link;
} NET_BUFFER_LIST_HEADER, *PNET_BUFFER_LIST_HEADER;

struct _NET_BUFFER_LIST {
    union {
        struct {
            PNET_BUFFER_LIST Next;
            PNET_BUFFER FirstNetBuffer;
        };
        SLIST_HEADER Link;
        NET_BUFFER_LIST_HEADER NetBufferListHeader;
    };
    PNET_BUFFER_LIST_CONTEXT Context;
    PNET_BUFFER_LIST ParentNetBufferList;
    NDIS_HANDLE NdisPoolHandle;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID NdisReserved[2];
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID ProtocolReserved[4];
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) PVOID MiniportReserved[2];
    PVOID Scratch;
    NDIS_HANDLE SourceHandle;
    ULONG NblFlags;
    LONG ChildRefCount;
    ULONG Flags;
    union {
        NDIS_STATUS Status;
        ULONG NdisReserved2;
    };
    PVOID NetBufferListInfo[MaxNetBufferListInfo];
};

typedef struct _NDIS_NET_BUFFER_LIST_8021Q_INFO {
    union {
        struct {
            UINT32 UserPriority : 3;
            UINT32 CanonicalFormatId : 1;
            UINT32 VlanId : 12;
            UINT32 Reserved : 16;
        } TagHeader;
        struct {
            UINT32 UserPriority : 3;
            UINT32 CanonicalFormatId : 1;
            UINT32 VlanId : 12;
            UINT32 WMMInfo : 4;
            UINT32 Reserved : 12;
        } WLanTagHeader;
        PVOID Value;
    };
} NDIS_NET_BUFFER_LIST_8021Q_INFO, *PNDIS_NET_BUFFER_LIST_8021Q_INFO;

#define NET_BUFFER_NEXT_NB(_NB)               ((_NB)->Next)
#define NET_BUFFER_FIRST_MDL(_NB)             ((_NB)->MdlChain)
#define NET_BUFFER_DATA_LENGTH(_NB)           ((_NB)->DataLength)
#define NET_BUFFER_DATA_OFFSET(_NB)           ((_NB)->DataOffset)
#define NET_BUFFER_CURRENT_MDL(_NB)           ((_NB)->CurrentMdl)
#define NET_BUFFER_CURRENT_MDL_OFFSET(_NB)    ((_NB)->CurrentMdlOffset)
#define NET_BUFFER_PROTOCOL_RESERVED(_NB)     ((_NB)->ProtocolReserved)
#define NET_BUFFER_MINIPORT_RESERVED(_NB)     ((_NB)->MiniportReserved)
#define NET_BUFFER_CHECKSUM_BIAS(_NB)         ((_NB)->ChecksumBias)
#define NET_BUFFER_DATA_PHYSICAL_ADDRESS(_NB) ((_NB)->DataPhysicalAddress)
#define NET_BUFFER_FIRST_SHARED_MEM_INFO(_NB) ((_NB)->SharedMemoryInfo)

/* Shared memory segment description attached to a NET_BUFFER (NDIS 6.20). */
typedef struct _NET_BUFFER_SHARED_MEMORY {
    PNET_BUFFER_SHARED_MEMORY NextSharedMemorySegment;
    ULONG SharedMemoryFlags;
    NDIS_HANDLE SharedMemoryHandle;
    ULONG SharedMemoryOffset;
    ULONG SharedMemoryLength;
} NET_BUFFER_SHARED_MEMORY;
#define NET_BUFFER_SHARED_MEM_NEXT_SEGMENT(_SHI) ((_SHI)->NextSharedMemorySegment)
#define NET_BUFFER_SHARED_MEM_FLAGS(_SHI)        ((_SHI)->SharedMemoryFlags)
#define NET_BUFFER_SHARED_MEM_HANDLE(_SHI)       ((_SHI)->SharedMemoryHandle)
#define NET_BUFFER_SHARED_MEM_OFFSET(_SHI)       ((_SHI)->SharedMemoryOffset)
#define NET_BUFFER_SHARED_MEM_LENGTH(_SHI)       ((_SHI)->SharedMemoryLength)

#define NET_BUFFER_LIST_NEXT_NBL(_NBL)        ((_NBL)->Next)
#define NET_BUFFER_LIST_FIRST_NB(_NBL)        ((_NBL)->FirstNetBuffer)
#define NET_BUFFER_LIST_FLAGS(_NBL)           ((_NBL)->Flags)
#define NET_BUFFER_LIST_NBL_FLAGS(_NBL)       ((_NBL)->NblFlags)
#define NET_BUFFER_LIST_PROTOCOL_RESERVED(_NBL) ((_NBL)->ProtocolReserved)
#define NET_BUFFER_LIST_MINIPORT_RESERVED(_NBL) ((_NBL)->MiniportReserved)
#define NET_BUFFER_LIST_CONTEXT_DATA_START(_NBL) \
    ((PUCHAR)(((_NBL)->Context) + 1) + (_NBL)->Context->Offset)
#define NET_BUFFER_LIST_CONTEXT_DATA_SIZE(_NBL) (((_NBL)->Context)->Size)
#define NET_BUFFER_LIST_INFO(_NBL, _Id)       ((_NBL)->NetBufferListInfo[(_Id)])
#define NET_BUFFER_LIST_STATUS(_NBL)          ((_NBL)->Status)

#if NDIS_SUPPORT_NDIS620
/* Receive filter / queue (VPort) identifiers kept in the NetBufferListFilteringInfo slot. */
typedef struct _NDIS_NET_BUFFER_LIST_FILTERING_INFO {
    union {
        struct {
            USHORT FilterId;
            union {
                USHORT QueueId;
                USHORT VPortId;
            } QueueVPortInfo;
        } FilteringInfo;
        PVOID Value;
    };
} NDIS_NET_BUFFER_LIST_FILTERING_INFO, *PNDIS_NET_BUFFER_LIST_FILTERING_INFO;
#define NDISLINT_NBL_FILTERING_INFO(_NBL) \
    ((PNDIS_NET_BUFFER_LIST_FILTERING_INFO)&NET_BUFFER_LIST_INFO((_NBL), NetBufferListFilteringInfo))
#define NET_BUFFER_LIST_RECEIVE_FILTER_ID(_NBL) \
    (NDISLINT_NBL_FILTERING_INFO(_NBL)->FilteringInfo.FilterId)
#define NET_BUFFER_LIST_RECEIVE_QUEUE_ID(_NBL) \
    (NDISLINT_NBL_FILTERING_INFO(_NBL)->FilteringInfo.QueueVPortInfo.QueueId)
#define NET_BUFFER_LIST_RECEIVE_FILTER_VPORT_ID(_NBL) \
    (NDISLINT_NBL_FILTERING_INFO(_NBL)->FilteringInfo.QueueVPortInfo.VPortId)
#endif

#define NDIS_SET_NET_BUFFER_LIST_CANCEL_ID(_NBL, _CancelId) \
    (NET_BUFFER_LIST_INFO(_NBL, NetBufferListCancelId) = (_CancelId))
#define NDIS_GET_NET_BUFFER_LIST_CANCEL_ID(_NBL) \
    (NET_BUFFER_LIST_INFO(_NBL, NetBufferListCancelId))
NDISAPI UCHAR NdisGeneratePartialCancelId(VOID);

#define NBL_FLAGS_PROTOCOL_RESERVED 0xFFF00000
#define NBL_FLAGS_MINIPORT_RESERVED 0x0000F000
#define NBL_FLAGS_SCRATCH           0x000F0000
#define NBL_FLAGS_NDIS_RESERVED     0x00000FFF
#define NBL_PROT_RSVD_FLAGS NBL_FLAGS_PROTOCOL_RESERVED
#define NBL_SET_PROT_RSVD_FLAG(_NBL, _F) ((_NBL)->Flags |= ((_F) & NBL_PROT_RSVD_FLAGS))
#define NBL_CLEAR_PROT_RSVD_FLAG(_NBL, _F) ((_NBL)->Flags &= ~((_F) & NBL_PROT_RSVD_FLAGS))
#define NBL_TEST_PROT_RSVD_FLAG(_NBL, _F) ((_NBL)->Flags & ((_F) & NBL_PROT_RSVD_FLAGS))
#define NBL_SET_FLAG(_NBL, _F) ((_NBL)->Flags |= (_F))
#define NBL_CLEAR_FLAG(_NBL, _F) ((_NBL)->Flags &= ~(_F))
#define NBL_TEST_FLAG(_NBL, _F) (((_NBL)->Flags & (_F)) != 0)
#define NDIS_NBL_FLAGS_SEND_READ_ONLY 0x00000001
#define NDIS_NBL_FLAGS_RECV_READ_ONLY 0x00000002
#define NDIS_NBL_FLAGS_IS_IPV4        0x00000200
#define NDIS_NBL_FLAGS_IS_IPV6        0x00000400
#define NDIS_NBL_FLAGS_IS_TCP         0x00000800
#define NDIS_NBL_FLAGS_IS_UDP         0x00001000
#define NDIS_NBL_FLAGS_IS_LOOPBACK_PACKET 0x00008000

#define NDIS_SEND_FLAGS_DISPATCH_LEVEL            0x00000001
#define NDIS_SEND_FLAGS_CHECK_FOR_LOOPBACK        0x00000002
#define NDIS_SEND_FLAGS_SINGLE_QUEUE              0x00000004
#define NDIS_SEND_FLAGS_SWITCH_DESTINATION_GROUP  0x00000010
#define NDIS_SEND_FLAGS_SWITCH_SINGLE_SOURCE      0x00000020
#define NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL   0x00000001
#define NDIS_SEND_COMPLETE_FLAGS_SWITCH_SINGLE_SOURCE 0x00000002
#define NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL         0x00000001
#define NDIS_RECEIVE_FLAGS_RESOURCES              0x00000002
#define NDIS_RECEIVE_FLAGS_SINGLE_ETHER_TYPE      0x00000100
#define NDIS_RECEIVE_FLAGS_SINGLE_VLAN            0x00000200
#define NDIS_RECEIVE_FLAGS_PERFECT_FILTERED       0x00000400
#define NDIS_RECEIVE_FLAGS_SINGLE_QUEUE           0x00000800
#define NDIS_RECEIVE_FLAGS_SHARED_MEMORY_INFO_VALID 0x00001000
#define NDIS_RECEIVE_FLAGS_MORE_NBLS              0x00002000
#define NDIS_RECEIVE_FLAGS_SWITCH_SINGLE_SOURCE   0x00004000
#define NDIS_RECEIVE_FLAGS_SWITCH_DESTINATION_GROUP 0x00008000
#define NDIS_RETURN_FLAGS_DISPATCH_LEVEL          0x00000001
#define NDIS_RETURN_FLAGS_SWITCH_SINGLE_SOURCE    0x00000002
#define NDIS_RETURN_FLAGS_SINGLE_QUEUE            0x00000004

#define NDIS_TEST_SEND_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_SEND_FLAG(_Flags, _Fl) ((_Flags) |= (_Fl))
#define NDIS_TEST_SEND_AT_DISPATCH_LEVEL(_Flags) \
    NDIS_TEST_SEND_FLAG((_Flags), NDIS_SEND_FLAGS_DISPATCH_LEVEL)
#define NDIS_TEST_SEND_COMPLETE_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_SEND_COMPLETE_FLAG(_Flags, _Fl) ((_Flags) |= (_Fl))
#define NDIS_TEST_SEND_COMPLETE_AT_DISPATCH_LEVEL(_Flags) \
    NDIS_TEST_SEND_COMPLETE_FLAG((_Flags), NDIS_SEND_COMPLETE_FLAGS_DISPATCH_LEVEL)
#define NDIS_TEST_RECEIVE_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_RECEIVE_FLAG(_Flags, _Fl) ((_Flags) |= (_Fl))
#define NDIS_TEST_RECEIVE_AT_DISPATCH_LEVEL(_Flags) \
    NDIS_TEST_RECEIVE_FLAG((_Flags), NDIS_RECEIVE_FLAGS_DISPATCH_LEVEL)
#define NDIS_TEST_RECEIVE_CANNOT_PEND(_Flags) \
    NDIS_TEST_RECEIVE_FLAG((_Flags), NDIS_RECEIVE_FLAGS_RESOURCES)
#define NDIS_TEST_RECEIVE_CAN_PEND(_Flags) \
    (((_Flags) & NDIS_RECEIVE_FLAGS_RESOURCES) == 0)
#define NDIS_TEST_RETURN_FLAG(_Flags, _Fl) (((_Flags) & (_Fl)) == (_Fl))
#define NDIS_SET_RETURN_FLAG(_Flags, _Fl) ((_Flags) |= (_Fl))
#define NDIS_TEST_RETURN_AT_DISPATCH_LEVEL(_Flags) \
    NDIS_TEST_RETURN_FLAG((_Flags), NDIS_RETURN_FLAGS_DISPATCH_LEVEL)

#define NDIS_PROTOCOL_ID_DEFAULT 0x00
#define NDIS_PROTOCOL_ID_TCP_IP  0x02
#define NDIS_PROTOCOL_ID_IPX     0x06
#define NDIS_PROTOCOL_ID_NBF     0x07
#define NDIS_PROTOCOL_ID_MAX     0x0F
#define NDIS_PROTOCOL_ID_MASK    0x0F

typedef struct _NET_BUFFER_LIST_POOL_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    UCHAR ProtocolId;
    BOOLEAN fAllocateNetBuffer;
    USHORT ContextSize;
    ULONG PoolTag;
    ULONG DataSize;
    ULONG Flags;
} NET_BUFFER_LIST_POOL_PARAMETERS, *PNET_BUFFER_LIST_POOL_PARAMETERS;
#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 1
#define NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 2
#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, DataSize)
#define NDIS_SIZEOF_NET_BUFFER_LIST_POOL_PARAMETERS_REVISION_2 \
    RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_LIST_POOL_PARAMETERS, Flags)

typedef struct _NET_BUFFER_POOL_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG PoolTag;
    ULONG DataSize;
} NET_BUFFER_POOL_PARAMETERS, *PNET_BUFFER_POOL_PARAMETERS;
#define NET_BUFFER_POOL_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_NET_BUFFER_POOL_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NET_BUFFER_POOL_PARAMETERS, DataSize)

typedef PMDL NET_BUFFER_ALLOCATE_MDL(_Inout_ PULONG BufferSize);
typedef NET_BUFFER_ALLOCATE_MDL *NET_BUFFER_ALLOCATE_MDL_HANDLER;
typedef VOID NET_BUFFER_FREE_MDL(_In_ PMDL Mdl);
typedef NET_BUFFER_FREE_MDL *NET_BUFFER_FREE_MDL_HANDLER;

NDISAPI NDIS_HANDLE NdisAllocateNetBufferListPool(_In_opt_ NDIS_HANDLE NdisHandle,
                                                  _In_ PNET_BUFFER_LIST_POOL_PARAMETERS Parameters);
NDISAPI VOID NdisFreeNetBufferListPool(_In_ NDIS_HANDLE PoolHandle);
NDISAPI NDIS_HANDLE NdisAllocateNetBufferPool(_In_opt_ NDIS_HANDLE NdisHandle,
                                              _In_ PNET_BUFFER_POOL_PARAMETERS Parameters);
NDISAPI VOID NdisFreeNetBufferPool(_In_ NDIS_HANDLE PoolHandle);
NDISAPI PNET_BUFFER_LIST NdisAllocateNetBufferList(_In_ NDIS_HANDLE PoolHandle,
                                                   _In_ USHORT ContextSize,
                                                   _In_ USHORT ContextBackFill);
NDISAPI PNET_BUFFER_LIST NdisAllocateNetBufferAndNetBufferList(_In_ NDIS_HANDLE PoolHandle,
                                                               _In_ USHORT ContextSize,
                                                               _In_ USHORT ContextBackFill,
                                                               _In_opt_ PMDL MdlChain,
                                                               _In_ ULONG DataOffset,
                                                               _In_ SIZE_T DataLength);
NDISAPI VOID NdisFreeNetBufferList(_In_ PNET_BUFFER_LIST NetBufferList);
NDISAPI PNET_BUFFER NdisAllocateNetBuffer(_In_ NDIS_HANDLE PoolHandle, _In_opt_ PMDL MdlChain,
                                          _In_ ULONG DataOffset, _In_ SIZE_T DataLength);
NDISAPI VOID NdisFreeNetBuffer(_In_ PNET_BUFFER NetBuffer);
NDISAPI PNET_BUFFER_LIST NdisAllocateCloneNetBufferList(_In_ PNET_BUFFER_LIST OriginalNetBufferList,
                                                        _In_opt_ NDIS_HANDLE NetBufferListPoolHandle,
                                                        _In_opt_ NDIS_HANDLE NetBufferPoolHandle,
                                                        _In_ ULONG AllocateCloneFlags);
NDISAPI VOID NdisFreeCloneNetBufferList(_In_ PNET_BUFFER_LIST CloneNetBufferList,
                                        _In_ ULONG FreeCloneFlags);
NDISAPI NDIS_STATUS NdisAllocateNetBufferListContext(_In_ PNET_BUFFER_LIST NetBufferList,
                                                     _In_ USHORT ContextSize,
                                                     _In_ USHORT ContextBackFill,
                                                     _In_ ULONG PoolTag);
NDISAPI VOID NdisFreeNetBufferListContext(_In_ PNET_BUFFER_LIST NetBufferList,
                                          _In_ USHORT ContextSize);
NDISAPI NDIS_STATUS NdisRetreatNetBufferDataStart(_In_ PNET_BUFFER NetBuffer,
                                                  _In_ ULONG DataOffsetDelta,
                                                  _In_ ULONG DataBackFill,
                                                  _In_opt_ NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler);
NDISAPI VOID NdisAdvanceNetBufferDataStart(_In_ PNET_BUFFER NetBuffer,
                                           _In_ ULONG DataOffsetDelta, _In_ BOOLEAN FreeMdl,
                                           _In_opt_ NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler);
NDISAPI NDIS_STATUS NdisRetreatNetBufferListDataStart(_In_ PNET_BUFFER_LIST NetBufferList,
                                                      _In_ ULONG DataOffsetDelta,
                                                      _In_ ULONG DataBackFill,
                                                      _In_opt_ NET_BUFFER_ALLOCATE_MDL_HANDLER AllocateMdlHandler,
                                                      _In_opt_ NET_BUFFER_FREE_MDL_HANDLER FreeMdlHandler);
NDISAPI VOID NdisAdvanceNetBufferListDataStart(_In_ PNET_BUFFER_LIST NetBufferList,
                                               _In_ ULONG DataOffsetDelta, _In_ BOOLEAN FreeMdl,
                                               _In_opt_ NET_BUFFER_FREE_MDL_HANDLER FreeMdlMdlHandler);
NDISAPI PVOID NdisGetDataBuffer(_In_ PNET_BUFFER NetBuffer, _In_ ULONG BytesNeeded,
                                _Out_writes_bytes_all_opt_(BytesNeeded) PVOID Storage,
                                _In_ UINT AlignMultiple, _In_ UINT AlignOffset);
NDISAPI NDIS_STATUS NdisCopyFromNetBufferToNetBuffer(_In_ PNET_BUFFER Destination,
                                                     _In_ ULONG DestinationOffset,
                                                     _In_ ULONG BytesToCopy,
                                                     _In_ PNET_BUFFER Source,
                                                     _In_ ULONG SourceOffset,
                                                     _Out_ PULONG BytesCopied);
NDISAPI NDIS_HANDLE NdisGetPoolFromNetBufferList(_In_ PNET_BUFFER_LIST NetBufferList);
NDISAPI NDIS_HANDLE NdisGetPoolFromNetBuffer(_In_ PNET_BUFFER NetBuffer);

/* ---- OID requests ----------------------------------------------------------- */
typedef enum _NDIS_REQUEST_TYPE {
    NdisRequestQueryInformation,
    NdisRequestSetInformation,
    NdisRequestQueryStatistics,
    NdisRequestOpen,
    NdisRequestClose,
    NdisRequestSend,
    NdisRequestTransferData,
    NdisRequestReset,
    NdisRequestGeneric1,
    NdisRequestGeneric2,
    NdisRequestGeneric3,
    NdisRequestGeneric4,
    NdisRequestMethod
} NDIS_REQUEST_TYPE, *PNDIS_REQUEST_TYPE;

#define NDIS_OID_REQUEST_NDIS_RESERVED_SIZE 16
#define NDIS_OID_REQUEST_TIMEOUT_INFINITE 0
#define NDIS_OID_REQUEST_REVISION_1 1
#define NDIS_OID_REQUEST_REVISION_2 2
#define NDIS_OID_REQUEST_FLAGS_VPORT_ID_VALID 0x0001
/* NDIS_NIC_SWITCH_ID / NDIS_NIC_SWITCH_VPORT_ID: ntddndis.h. */

typedef struct _NDIS_OID_REQUEST {
    NDIS_OBJECT_HEADER Header;
    NDIS_REQUEST_TYPE RequestType;
    NDIS_PORT_NUMBER PortNumber;
    UINT Timeout;
    PVOID RequestId;
    NDIS_HANDLE RequestHandle;
    union _REQUEST_DATA {
        struct _QUERY {
            NDIS_OID Oid;
            PVOID InformationBuffer;
            UINT InformationBufferLength;
            UINT BytesWritten;
            UINT BytesNeeded;
        } QUERY_INFORMATION;
        struct _SET {
            NDIS_OID Oid;
            PVOID InformationBuffer;
            UINT InformationBufferLength;
            UINT BytesRead;
            UINT BytesNeeded;
        } SET_INFORMATION;
        struct _METHOD {
            NDIS_OID Oid;
            PVOID InformationBuffer;
            ULONG InputBufferLength;
            ULONG OutputBufferLength;
            ULONG MethodId;
            UINT BytesWritten;
            UINT BytesRead;
            UINT BytesNeeded;
        } METHOD_INFORMATION;
    } DATA;
    UCHAR NdisReserved[NDIS_OID_REQUEST_NDIS_RESERVED_SIZE * sizeof(PVOID)];
    UCHAR MiniportReserved[2 * sizeof(PVOID)];
    UCHAR SourceReserved[2 * sizeof(PVOID)];
    UCHAR SupportedRevision;
    UCHAR Reserved1;
    USHORT Reserved2;
    NDIS_NIC_SWITCH_ID SwitchId;
    NDIS_NIC_SWITCH_VPORT_ID VPortId;
    ULONG Flags;
} NDIS_OID_REQUEST, *PNDIS_OID_REQUEST;
#define NDIS_SIZEOF_OID_REQUEST_REVISION_1 RTL_SIZEOF_THROUGH_FIELD(NDIS_OID_REQUEST, Reserved2)
#define NDIS_SIZEOF_OID_REQUEST_REVISION_2 RTL_SIZEOF_THROUGH_FIELD(NDIS_OID_REQUEST, Flags)

NDISAPI NDIS_STATUS NdisAllocateCloneOidRequest(_In_ NDIS_HANDLE SourceHandle,
                                                _In_ PNDIS_OID_REQUEST OidRequest,
                                                _In_ UINT PoolTag,
                                                _Out_ PNDIS_OID_REQUEST *CloneOidRequest);
NDISAPI VOID NdisFreeCloneOidRequest(_In_ NDIS_HANDLE SourceHandle,
                                     _In_ PNDIS_OID_REQUEST Request);

/* ---- Status indications ------------------------------------------------------ */
typedef struct _NDIS_STATUS_INDICATION {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE SourceHandle;
    NDIS_PORT_NUMBER PortNumber;
    NDIS_STATUS StatusCode;
    ULONG Flags;
    NDIS_HANDLE DestinationHandle;
    PVOID RequestId;
    PVOID StatusBuffer;
    ULONG StatusBufferSize;
    GUID Guid;
    PVOID NdisReserved[4];
} NDIS_STATUS_INDICATION, *PNDIS_STATUS_INDICATION;
#define NDIS_STATUS_INDICATION_REVISION_1 1
#define NDIS_SIZEOF_STATUS_INDICATION_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_STATUS_INDICATION, NdisReserved)
#define NDIS_STATUS_INDICATION_FLAGS_MEDIA_CONNECT_TO_CONNECT 0x0001

/* ---- PnP events --------------------------------------------------------------- */
typedef enum _NET_DEVICE_POWER_STATE {
    NetDeviceStateUnspecified = 0,
    NetDeviceStateD0,
    NetDeviceStateD1,
    NetDeviceStateD2,
    NetDeviceStateD3,
    NetDeviceStateMaximum
} NET_DEVICE_POWER_STATE, *PNET_DEVICE_POWER_STATE;

typedef enum _NET_PNP_EVENT_CODE {
    NetEventSetPower,
    NetEventQueryPower,
    NetEventQueryRemoveDevice,
    NetEventCancelRemoveDevice,
    NetEventReconfigure,
    NetEventBindList,
    NetEventBindsComplete,
    NetEventPnPCapabilities,
    NetEventPause,
    NetEventRestart,
    NetEventPortActivation,
    NetEventPortDeactivation,
    NetEventIMReEnableDevice,
    NetEventNDKEnable,
    NetEventNDKDisable,
    NetEventFilterPreDetach,
    NetEventBindFailed,
    NetEventSwitchActivate,
    NetEventAllowBindsAbove,
    NetEventInhibitBindsAbove,
    NetEventAllowStart,
    NetEventRequirePause,
    NetEventUploadGftFlowEntries,
    NetEventMaximum
} NET_PNP_EVENT_CODE, *PNET_PNP_EVENT_CODE;

typedef struct _NET_PNP_EVENT {
    NET_PNP_EVENT_CODE NetEvent;
    PVOID Buffer;
    ULONG BufferLength;
    ULONG_PTR NdisReserved[4];
    ULONG_PTR TransportReserved[4];
    ULONG_PTR TdiReserved[4];
    ULONG_PTR TdiClientReserved[4];
} NET_PNP_EVENT, *PNET_PNP_EVENT;

typedef struct _NET_PNP_EVENT_NOTIFICATION {
    NDIS_OBJECT_HEADER Header;
    NDIS_PORT_NUMBER PortNumber;
    NET_PNP_EVENT NetPnPEvent;
    ULONG Flags;
} NET_PNP_EVENT_NOTIFICATION, *PNET_PNP_EVENT_NOTIFICATION;
#define NET_PNP_EVENT_NOTIFICATION_REVISION_1 1

typedef enum _NDIS_DEVICE_PNP_EVENT {
    NdisDevicePnPEventQueryRemoved,
    NdisDevicePnPEventRemoved,
    NdisDevicePnPEventSurpriseRemoved,
    NdisDevicePnPEventQueryStopped,
    NdisDevicePnPEventStopped,
    NdisDevicePnPEventPowerProfileChanged,
    NdisDevicePnPEventFilterListChanged,
    NdisDevicePnPEventMaximum
} NDIS_DEVICE_PNP_EVENT, *PNDIS_DEVICE_PNP_EVENT;

typedef enum _NDIS_POWER_PROFILE {
    NdisPowerProfileBattery,
    NdisPowerProfileAcOnLine
} NDIS_POWER_PROFILE, *PNDIS_POWER_PROFILE;

typedef struct _NET_DEVICE_PNP_EVENT {
    NDIS_OBJECT_HEADER Header;
    NDIS_PORT_NUMBER PortNumber;
    NDIS_DEVICE_PNP_EVENT DevicePnPEvent;
    PVOID InformationBuffer;
    ULONG InformationBufferLength;
    UCHAR NdisReserved[2 * sizeof(PVOID)];
} NET_DEVICE_PNP_EVENT, *PNET_DEVICE_PNP_EVENT;
#define NET_DEVICE_PNP_EVENT_REVISION_1 1

/* ---- Restart attributes --------------------------------------------------------- */
typedef struct _NDIS_RESTART_ATTRIBUTES NDIS_RESTART_ATTRIBUTES, *PNDIS_RESTART_ATTRIBUTES;
struct _NDIS_RESTART_ATTRIBUTES {
    PNDIS_RESTART_ATTRIBUTES Next;
    NDIS_OID Oid;
    ULONG DataLength;
    DECLSPEC_ALIGN(MEMORY_ALLOCATION_ALIGNMENT) UCHAR Data[1];
};

typedef struct _NDIS_RESTART_GENERAL_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG LookaheadSize;
    ULONG MacOptions;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    PNDIS_RECEIVE_SCALE_CAPABILITIES RecvScaleCapabilities;
    NET_IF_ACCESS_TYPE AccessType;
    ULONG Flags;
    NET_IF_CONNECTION_TYPE ConnectionType;
    ULONG SupportedStatistics;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    PNDIS_OID SupportedOidList;
    ULONG SupportedOidListLength;
    ULONG MaxLookahead;
} NDIS_RESTART_GENERAL_ATTRIBUTES, *PNDIS_RESTART_GENERAL_ATTRIBUTES;
#define NDIS_RESTART_GENERAL_ATTRIBUTES_REVISION_1 1
#define NDIS_RESTART_GENERAL_ATTRIBUTES_REVISION_2 2

/* ---- Device objects --------------------------------------------------------------- */
typedef struct _NDIS_DEVICE_OBJECT_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING DeviceName;
    PNDIS_STRING SymbolicName;
    PDRIVER_DISPATCH *MajorFunctions;
    ULONG ExtensionSize;
    PCUNICODE_STRING DefaultSDDLString;
    LPCGUID DeviceClassGuid;
} NDIS_DEVICE_OBJECT_ATTRIBUTES, *PNDIS_DEVICE_OBJECT_ATTRIBUTES;
#define NDIS_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 1
#define NDIS_SIZEOF_DEVICE_OBJECT_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_DEVICE_OBJECT_ATTRIBUTES, DeviceClassGuid)

NDISAPI NDIS_STATUS NdisRegisterDeviceEx(_In_ NDIS_HANDLE NdisObjectHandle,
                                         _In_ PNDIS_DEVICE_OBJECT_ATTRIBUTES DeviceObjectAttributes,
                                         _Out_ PDEVICE_OBJECT *pDeviceObject,
                                         _Out_ PNDIS_HANDLE NdisDeviceHandle);
NDISAPI VOID NdisDeregisterDeviceEx(_In_ NDIS_HANDLE NdisDeviceHandle);
NDISAPI PVOID NdisGetDeviceReservedExtension(_In_ PDEVICE_OBJECT DeviceObject);

/* ---- Driver options (shared) -------------------------------------------------------- */
typedef NDIS_STATUS SET_OPTIONS(_In_ NDIS_HANDLE NdisDriverHandle, _In_ NDIS_HANDLE DriverContext);
typedef SET_OPTIONS (*SET_OPTIONS_HANDLER);
typedef SET_OPTIONS MINIPORT_SET_OPTIONS;
typedef SET_OPTIONS PROTOCOL_SET_OPTIONS;
typedef SET_OPTIONS FILTER_SET_OPTIONS;

typedef union _NDIS_DRIVER_OPTIONAL_HANDLERS {
    NDIS_OBJECT_HEADER Header;
    UCHAR Reserved[sizeof(PVOID) * 16];
} NDIS_DRIVER_OPTIONAL_HANDLERS, *PNDIS_DRIVER_OPTIONAL_HANDLERS;
NDISAPI NDIS_STATUS NdisSetOptionalHandlers(_In_ NDIS_HANDLE NdisHandle,
                                            _In_ PNDIS_DRIVER_OPTIONAL_HANDLERS OptionalHandlers);

/* Role-typing helpers: harmless declarations valid at file and block scope. */
#define NDIS_DECLARE_MINIPORT_DRIVER_CONTEXT(_ContextType_) \
    typedef _ContextType_ *NDISLINT_MINIPORT_DRIVER_CONTEXT_##_ContextType_ __attribute__((__unused__))
#define NDIS_DECLARE_MINIPORT_ADAPTER_CONTEXT(_ContextType_) \
    typedef _ContextType_ *NDISLINT_MINIPORT_ADAPTER_CONTEXT_##_ContextType_ __attribute__((__unused__))
#define NDIS_DECLARE_PROTOCOL_DRIVER_CONTEXT(_ContextType_) \
    typedef _ContextType_ *NDISLINT_PROTOCOL_DRIVER_CONTEXT_##_ContextType_ __attribute__((__unused__))
#define NDIS_DECLARE_PROTOCOL_OPEN_CONTEXT(_ContextType_) \
    typedef _ContextType_ *NDISLINT_PROTOCOL_OPEN_CONTEXT_##_ContextType_ __attribute__((__unused__))
#define NDIS_DECLARE_FILTER_DRIVER_CONTEXT(_ContextType_) \
    typedef _ContextType_ *NDISLINT_FILTER_DRIVER_CONTEXT_##_ContextType_ __attribute__((__unused__))
#define NDIS_DECLARE_FILTER_MODULE_CONTEXT(_ContextType_) \
    typedef _ContextType_ *NDISLINT_FILTER_MODULE_CONTEXT_##_ContextType_ __attribute__((__unused__))
#define NDIS_DECLARE_CO_CALL_MANAGER_CONTEXT(_ContextType_) \
    typedef _ContextType_ *NDISLINT_CO_CALL_MANAGER_CONTEXT_##_ContextType_ __attribute__((__unused__))

/* ---- Miniport drivers ---------------------------------------------------------------- */
#define NDIS_INTERMEDIATE_DRIVER 0x00000001
#define NDIS_WDM_DRIVER          0x00000002

typedef enum _NDIS_INTERFACE_TYPE {
    NdisInterfaceInternal = Internal,
    NdisInterfaceIsa = Isa,
    NdisInterfaceEisa = Eisa,
    NdisInterfaceMca = MicroChannel,
    NdisInterfaceTurboChannel = TurboChannel,
    NdisInterfacePci = PCIBus,
    NdisInterfacePcMcia = PCMCIABus,
    NdisInterfaceCBus = CBus,
    NdisInterfaceMPIBus = MPIBus,
    NdisInterfaceMPSABus = MPSABus,
    NdisInterfaceProcessorInternal = ProcessorInternal,
    NdisInterfaceInternalPowerBus = InternalPowerBus,
    NdisInterfacePNPISABus = PNPISABus,
    NdisInterfacePNPBus = PNPBus,
    NdisInterfaceUSB,
    NdisInterfaceIrda,
    NdisInterface1394,
    NdisMaximumInterfaceType
} NDIS_INTERFACE_TYPE, *PNDIS_INTERFACE_TYPE;

typedef enum _NDIS_HALT_ACTION {
    NdisHaltDeviceDisabled,
    NdisHaltDeviceInstanceDeInitialized,
    NdisHaltDevicePoweredDown,
    NdisHaltDeviceSurpriseRemoved,
    NdisHaltDeviceFailed,
    NdisHaltDeviceInitializationFailed,
    NdisHaltDeviceStopped
} NDIS_HALT_ACTION, *PNDIS_HALT_ACTION;

typedef enum _NDIS_SHUTDOWN_ACTION {
    NdisShutdownPowerOff,
    NdisShutdownBugCheck
} NDIS_SHUTDOWN_ACTION, *PNDIS_SHUTDOWN_ACTION;

typedef struct _NDIS_MINIPORT_INIT_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    PNDIS_RESOURCE_LIST AllocatedResources;
    NDIS_HANDLE IMDeviceInstanceContext;
    NDIS_HANDLE MiniportAddDeviceContext;
    NET_IFINDEX IfIndex;
    NET_LUID NetLuid;
    PNDIS_PORT_AUTHENTICATION_PARAMETERS DefaultPortAuthStates;
    PNDIS_PCI_DEVICE_CUSTOM_PROPERTIES PciDeviceCustomProperties;
} NDIS_MINIPORT_INIT_PARAMETERS, *PNDIS_MINIPORT_INIT_PARAMETERS;
#define NDIS_MINIPORT_INIT_PARAMETERS_REVISION_1 1

typedef struct _NDIS_MINIPORT_PAUSE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG PauseReason;
} NDIS_MINIPORT_PAUSE_PARAMETERS, *PNDIS_MINIPORT_PAUSE_PARAMETERS;
#define NDIS_MINIPORT_PAUSE_PARAMETERS_REVISION_1 1

typedef struct _NDIS_MINIPORT_RESTART_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PNDIS_RESTART_ATTRIBUTES RestartAttributes;
    ULONG Flags;
} NDIS_MINIPORT_RESTART_PARAMETERS, *PNDIS_MINIPORT_RESTART_PARAMETERS;
#define NDIS_MINIPORT_RESTART_PARAMETERS_REVISION_1 1

#define NDIS_PAUSE_NDIS_INTERNAL          0x00000001
#define NDIS_PAUSE_LOW_POWER              0x00000002
#define NDIS_PAUSE_BIND_PROTOCOL          0x00000004
#define NDIS_PAUSE_UNBIND_PROTOCOL        0x00000008
#define NDIS_PAUSE_ATTACH_FILTER          0x00000010
#define NDIS_PAUSE_DETACH_FILTER          0x00000020
#define NDIS_PAUSE_FILTER_RESTART_STACK   0x00000040
#define NDIS_PAUSE_MINIPORT_DEVICE_REMOVE 0x00000080

typedef NDIS_STATUS MINIPORT_INITIALIZE(_In_ NDIS_HANDLE NdisMiniportHandle,
                                        _In_ NDIS_HANDLE MiniportDriverContext,
                                        _In_ PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters);
typedef MINIPORT_INITIALIZE (*MINIPORT_INITIALIZE_HANDLER);
typedef VOID MINIPORT_HALT(_In_ NDIS_HANDLE MiniportAdapterContext, _In_ NDIS_HALT_ACTION HaltAction);
typedef MINIPORT_HALT (*MINIPORT_HALT_HANDLER);
typedef VOID MINIPORT_UNLOAD(_In_ PDRIVER_OBJECT DriverObject);
typedef MINIPORT_UNLOAD (*MINIPORT_DRIVER_UNLOAD);
typedef NDIS_STATUS MINIPORT_PAUSE(_In_ NDIS_HANDLE MiniportAdapterContext,
                                   _In_ PNDIS_MINIPORT_PAUSE_PARAMETERS PauseParameters);
typedef MINIPORT_PAUSE (*MINIPORT_PAUSE_HANDLER);
typedef NDIS_STATUS MINIPORT_RESTART(_In_ NDIS_HANDLE MiniportAdapterContext,
                                     _In_ PNDIS_MINIPORT_RESTART_PARAMETERS RestartParameters);
typedef MINIPORT_RESTART (*MINIPORT_RESTART_HANDLER);
typedef NDIS_STATUS MINIPORT_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext,
                                         _In_ PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_OID_REQUEST (*MINIPORT_OID_REQUEST_HANDLER);
typedef VOID MINIPORT_SEND_NET_BUFFER_LISTS(_In_ NDIS_HANDLE MiniportAdapterContext,
                                            _In_ PNET_BUFFER_LIST NetBufferList,
                                            _In_ NDIS_PORT_NUMBER PortNumber,
                                            _In_ ULONG SendFlags);
typedef MINIPORT_SEND_NET_BUFFER_LISTS (*MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER);
typedef VOID MINIPORT_RETURN_NET_BUFFER_LISTS(_In_ NDIS_HANDLE MiniportAdapterContext,
                                              _In_ PNET_BUFFER_LIST NetBufferLists,
                                              _In_ ULONG ReturnFlags);
typedef MINIPORT_RETURN_NET_BUFFER_LISTS (*MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER);
typedef VOID MINIPORT_CANCEL_SEND(_In_ NDIS_HANDLE MiniportAdapterContext, _In_ PVOID CancelId);
typedef MINIPORT_CANCEL_SEND (*MINIPORT_CANCEL_SEND_HANDLER);
typedef BOOLEAN MINIPORT_CHECK_FOR_HANG(_In_ NDIS_HANDLE MiniportAdapterContext);
typedef MINIPORT_CHECK_FOR_HANG (*MINIPORT_CHECK_FOR_HANG_HANDLER);
typedef NDIS_STATUS MINIPORT_RESET(_In_ NDIS_HANDLE MiniportAdapterContext,
                                   _Out_ PBOOLEAN AddressingReset);
typedef MINIPORT_RESET (*MINIPORT_RESET_HANDLER);
typedef VOID MINIPORT_DEVICE_PNP_EVENT_NOTIFY(_In_ NDIS_HANDLE MiniportAdapterContext,
                                              _In_ PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
typedef MINIPORT_DEVICE_PNP_EVENT_NOTIFY (*MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER);
typedef VOID MINIPORT_SHUTDOWN(_In_ NDIS_HANDLE MiniportAdapterContext,
                               _In_ NDIS_SHUTDOWN_ACTION ShutdownAction);
typedef MINIPORT_SHUTDOWN (*MINIPORT_SHUTDOWN_HANDLER);
typedef VOID MINIPORT_CANCEL_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext,
                                         _In_ PVOID RequestId);
typedef MINIPORT_CANCEL_OID_REQUEST (*MINIPORT_CANCEL_OID_REQUEST_HANDLER);
typedef NDIS_STATUS MINIPORT_DIRECT_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext,
                                                _In_ PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_DIRECT_OID_REQUEST (*MINIPORT_DIRECT_OID_REQUEST_HANDLER);
typedef VOID MINIPORT_CANCEL_DIRECT_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext,
                                                _In_ PVOID RequestId);
typedef MINIPORT_CANCEL_DIRECT_OID_REQUEST (*MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER);
typedef NDIS_STATUS MINIPORT_SYNCHRONOUS_OID_REQUEST(_In_ NDIS_HANDLE MiniportAdapterContext,
                                                     _In_ PNDIS_OID_REQUEST OidRequest);
typedef MINIPORT_SYNCHRONOUS_OID_REQUEST (*MINIPORT_SYNCHRONOUS_OID_REQUEST_HANDLER);

typedef struct _NDIS_MINIPORT_DRIVER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UCHAR MajorDriverVersion;
    UCHAR MinorDriverVersion;
    ULONG Flags;
    SET_OPTIONS_HANDLER SetOptionsHandler;
    MINIPORT_INITIALIZE_HANDLER InitializeHandlerEx;
    MINIPORT_HALT_HANDLER HaltHandlerEx;
    MINIPORT_DRIVER_UNLOAD UnloadHandler;
    MINIPORT_PAUSE_HANDLER PauseHandler;
    MINIPORT_RESTART_HANDLER RestartHandler;
    MINIPORT_OID_REQUEST_HANDLER OidRequestHandler;
    MINIPORT_SEND_NET_BUFFER_LISTS_HANDLER SendNetBufferListsHandler;
    MINIPORT_RETURN_NET_BUFFER_LISTS_HANDLER ReturnNetBufferListsHandler;
    MINIPORT_CANCEL_SEND_HANDLER CancelSendHandler;
    MINIPORT_CHECK_FOR_HANG_HANDLER CheckForHangHandlerEx;
    MINIPORT_RESET_HANDLER ResetHandlerEx;
    MINIPORT_DEVICE_PNP_EVENT_NOTIFY_HANDLER DevicePnPEventNotifyHandler;
    MINIPORT_SHUTDOWN_HANDLER ShutdownHandlerEx;
    MINIPORT_CANCEL_OID_REQUEST_HANDLER CancelOidRequestHandler;
    MINIPORT_DIRECT_OID_REQUEST_HANDLER DirectOidRequestHandler;
    MINIPORT_CANCEL_DIRECT_OID_REQUEST_HANDLER CancelDirectOidRequestHandler;
    MINIPORT_SYNCHRONOUS_OID_REQUEST_HANDLER SynchronousOidRequestHandler;
} NDIS_MINIPORT_DRIVER_CHARACTERISTICS, *PNDIS_MINIPORT_DRIVER_CHARACTERISTICS;

#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 1
#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelOidRequestHandler)
#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2 2
#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, CancelDirectOidRequestHandler)
#define NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3 3
#define NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_3 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_DRIVER_CHARACTERISTICS, SynchronousOidRequestHandler)

/* Adapter attributes set from MiniportInitializeEx. */
#define NDIS_MINIPORT_ATTRIBUTES_HARDWARE_DEVICE       0x00000001
#define NDIS_MINIPORT_ATTRIBUTES_NDIS_WDM              0x00000002
#define NDIS_MINIPORT_ATTRIBUTES_SURPRISE_REMOVE_OK    0x00000004
#define NDIS_MINIPORT_ATTRIBUTES_NOT_CO_NDIS           0x00000008
#define NDIS_MINIPORT_ATTRIBUTES_DO_NOT_BIND_TO_ALL_CO 0x00000010
#define NDIS_MINIPORT_ATTRIBUTES_NO_HALT_ON_SUSPEND    0x00000020
#define NDIS_MINIPORT_ATTRIBUTES_BUS_MASTER            0x00000040
#define NDIS_MINIPORT_ATTRIBUTES_CONTROLS_DEFAULT_PORT 0x00000080
#define NDIS_MINIPORT_ATTRIBUTES_NO_PAUSE_ON_SUSPEND   0x00000100
#define NDIS_MINIPORT_ATTRIBUTES_NO_OID_INTERCEPT_ON_NONDEFAULT_PORTS 0x00000200
#define NDIS_MINIPORT_ATTRIBUTES_REGISTER_BUGCHECK_CALLBACK 0x00000400

typedef struct _NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    NDIS_HANDLE MiniportAdapterContext;
    ULONG AttributeFlags;
    UINT CheckForHangTimeInSeconds;
    NDIS_INTERFACE_TYPE InterfaceType;
} NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2 2
#define NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES_REVISION_2 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES, InterfaceType)

typedef struct _NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_MEDIUM MediaType;
    NDIS_PHYSICAL_MEDIUM PhysicalMediumType;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 XmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG LookaheadSize;
    PNDIS_PNP_CAPABILITIES PowerManagementCapabilities;
    ULONG MacOptions;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    USHORT MacAddressLength;
    UCHAR PermanentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    PNDIS_RECEIVE_SCALE_CAPABILITIES RecvScaleCapabilities;
    NET_IF_ACCESS_TYPE AccessType;
    NET_IF_DIRECTION_TYPE DirectionType;
    NET_IF_CONNECTION_TYPE ConnectionType;
    NET_IFTYPE IfType;
    BOOLEAN IfConnectorPresent;
    ULONG SupportedStatistics;
    ULONG SupportedPauseFunctions;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    PNDIS_OID SupportedOidList;
    ULONG SupportedOidListLength;
    ULONG AutoNegotiationFlags;
    PNDIS_PM_CAPABILITIES PowerManagementCapabilitiesEx;
} NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2 2
#define NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, AutoNegotiationFlags)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES_REVISION_2 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES, PowerManagementCapabilitiesEx)

#if NDIS_SUPPORT_NDIS620
/* Hardware-assist attributes (NDIS 6.20; SR-IOV/QoS members 6.30, GFT 6.60). */
typedef struct _NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    PNDIS_HD_SPLIT_ATTRIBUTES HDSplitAttributes;
    PNDIS_RECEIVE_FILTER_CAPABILITIES HardwareReceiveFilterCapabilities;
    PNDIS_RECEIVE_FILTER_CAPABILITIES CurrentReceiveFilterCapabilities;
    PNDIS_NIC_SWITCH_CAPABILITIES HardwareNicSwitchCapabilities;
    PNDIS_NIC_SWITCH_CAPABILITIES CurrentNicSwitchCapabilities;
#if NDIS_SUPPORT_NDIS630
    PNDIS_SRIOV_CAPABILITIES HardwareSriovCapabilities;
    PNDIS_SRIOV_CAPABILITIES CurrentSriovCapabilities;
    PNDIS_QOS_CAPABILITIES HardwareQosCapabilities;
    PNDIS_QOS_CAPABILITIES CurrentQosCapabilities;
#endif
#if NDIS_SUPPORT_NDIS660
    PNDIS_GFT_OFFLOAD_CAPABILITIES HardwareGftOffloadCapabilities;
    PNDIS_GFT_OFFLOAD_CAPABILITIES CurrentGftOffloadCapabilities;
#endif
} NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES,
  *PNDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES;
#define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1 1
#define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2 2
#define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, HDSplitAttributes)
#define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_2 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, CurrentNicSwitchCapabilities)
#if NDIS_SUPPORT_NDIS630
#define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3 3
#define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_3 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, CurrentQosCapabilities)
#endif
#if NDIS_SUPPORT_NDIS660
#define NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4 4
#define NDIS_SIZEOF_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES_REVISION_4 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES, CurrentGftOffloadCapabilities)
#endif

/* Receive queue state indication payload (NDIS_STATUS_RECEIVE_QUEUE_STATE). */
typedef struct _NDIS_RECEIVE_QUEUE_STATE {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_RECEIVE_QUEUE_ID QueueId;
    NDIS_RECEIVE_QUEUE_OPERATIONAL_STATE QueueState;
} NDIS_RECEIVE_QUEUE_STATE, *PNDIS_RECEIVE_QUEUE_STATE;
#define NDIS_RECEIVE_QUEUE_STATE_REVISION_1 1
#define NDIS_SIZEOF_NDIS_RECEIVE_QUEUE_STATE_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_RECEIVE_QUEUE_STATE, QueueState)

/* Shared memory for VM queues. */
typedef ULONG NODE_REQUIREMENT;
#define MM_ANY_NODE_OK 0x80000000
typedef enum _NDIS_SHARED_MEMORY_USAGE {
    NdisSharedMemoryUsageUndefined,
    NdisSharedMemoryUsageXmit,
    NdisSharedMemoryUsageXmitHeader,
    NdisSharedMemoryUsageXmitData,
    NdisSharedMemoryUsageReceive,
    NdisSharedMemoryUsageReceiveLookahead,
    NdisSharedMemoryUsageReceivePostLookahead,
    NdisSharedMemoryUsageReceiveHeader,
    NdisSharedMemoryUsageReceiveData,
    NdisSharedMemoryUsageOther,
    NdisSharedMemoryUsageMax
} NDIS_SHARED_MEMORY_USAGE, *PNDIS_SHARED_MEMORY_USAGE;

typedef struct _NDIS_SHARED_MEMORY_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    NDIS_RECEIVE_QUEUE_ID QueueId;
    NDIS_HANDLE SharedMemoryHandle;
    NODE_REQUIREMENT PreferredNode;
    NDIS_SHARED_MEMORY_USAGE Usage;
    ULONG Length;
    PVOID VirtualAddress;
    ULONG SGListBufferLength;
    PSCATTER_GATHER_LIST SGListBuffer;
#if NDIS_SUPPORT_NDIS630
    NDIS_NIC_SWITCH_VPORT_ID VPortId;
#endif
} NDIS_SHARED_MEMORY_PARAMETERS, *PNDIS_SHARED_MEMORY_PARAMETERS;
#define NDIS_SHARED_MEMORY_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_SHARED_MEMORY_PARAMETERS, SGListBuffer)
#if NDIS_SUPPORT_NDIS630
#define NDIS_SHARED_MEMORY_PARAMETERS_REVISION_2 2
#define NDIS_SIZEOF_SHARED_MEMORY_PARAMETERS_REVISION_2 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_SHARED_MEMORY_PARAMETERS, VPortId)
#endif
#define NDIS_SHARED_MEM_PARAMETERS_CONTIGOUS 0x00000001
#define NDIS_SHARED_MEM_PARAMETERS_CONTIGUOUS NDIS_SHARED_MEM_PARAMETERS_CONTIGOUS

NDISAPI NDIS_STATUS NdisAllocateSharedMemory(
    _In_ NDIS_HANDLE NdisHandle,
    _Inout_ PNDIS_SHARED_MEMORY_PARAMETERS SharedMemoryParameters,
    _Out_ PNDIS_HANDLE pAllocationHandle);
NDISAPI VOID NdisFreeSharedMemory(_In_ NDIS_HANDLE NdisHandle,
                                  _In_ NDIS_HANDLE AllocationHandle);
NDISAPI NDIS_STATUS NdisGetRssProcessorInformation(
    _In_ NDIS_HANDLE NdisHandle,
    _Out_writes_bytes_to_opt_(*Size, *Size) PNDIS_RSS_PROCESSOR_INFO RssProcessorInfo,
    _Inout_ PSIZE_T Size);
#endif /* NDIS_SUPPORT_NDIS620 */

typedef union _NDIS_MINIPORT_ADAPTER_ATTRIBUTES {
    NDIS_MINIPORT_ADAPTER_REGISTRATION_ATTRIBUTES RegistrationAttributes;
    NDIS_MINIPORT_ADAPTER_GENERAL_ATTRIBUTES GeneralAttributes;
#if NDIS_SUPPORT_NDIS620
    NDIS_MINIPORT_ADAPTER_HARDWARE_ASSIST_ATTRIBUTES HardwareAssistAttributes;
#endif
    NDIS_OBJECT_HEADER Header;
} NDIS_MINIPORT_ADAPTER_ATTRIBUTES, *PNDIS_MINIPORT_ADAPTER_ATTRIBUTES;

NDISAPI NDIS_STATUS NdisMRegisterMiniportDriver(_In_ PDRIVER_OBJECT DriverObject,
                                                _In_ PUNICODE_STRING RegistryPath,
                                                _In_opt_ NDIS_HANDLE MiniportDriverContext,
                                                _In_ PNDIS_MINIPORT_DRIVER_CHARACTERISTICS MiniportDriverCharacteristics,
                                                _Out_ PNDIS_HANDLE NdisMiniportDriverHandle);
NDISAPI VOID NdisMDeregisterMiniportDriver(_In_ NDIS_HANDLE NdisMiniportDriverHandle);
NDISAPI NDIS_STATUS NdisMSetMiniportAttributes(_In_ NDIS_HANDLE NdisMiniportHandle,
                                               _In_ PNDIS_MINIPORT_ADAPTER_ATTRIBUTES MiniportAttributes);
NDISAPI VOID NdisMIndicateStatusEx(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                   _In_ PNDIS_STATUS_INDICATION StatusIndication);
NDISAPI VOID NdisMOidRequestComplete(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                     _In_ PNDIS_OID_REQUEST OidRequest, _In_ NDIS_STATUS Status);
NDISAPI VOID NdisMDirectOidRequestComplete(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                           _In_ PNDIS_OID_REQUEST OidRequest,
                                           _In_ NDIS_STATUS Status);
NDISAPI VOID NdisMSendNetBufferListsComplete(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                             _In_ PNET_BUFFER_LIST NetBufferList,
                                             _In_ ULONG SendCompleteFlags);
NDISAPI VOID NdisMIndicateReceiveNetBufferLists(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                                _In_ PNET_BUFFER_LIST NetBufferList,
                                                _In_ NDIS_PORT_NUMBER PortNumber,
                                                _In_ ULONG NumberOfNetBufferLists,
                                                _In_ ULONG ReceiveFlags);
NDISAPI VOID NdisMPauseComplete(_In_ NDIS_HANDLE MiniportAdapterHandle);
NDISAPI VOID NdisMRestartComplete(_In_ NDIS_HANDLE MiniportAdapterHandle, _In_ NDIS_STATUS Status);
NDISAPI VOID NdisMResetComplete(_In_ NDIS_HANDLE MiniportAdapterHandle, _In_ NDIS_STATUS Status,
                                _In_ BOOLEAN AddressingReset);
NDISAPI VOID NdisMGetDeviceProperty(_In_ NDIS_HANDLE MiniportAdapterHandle,
                                    _Inout_opt_ PDEVICE_OBJECT *PhysicalDeviceObject,
                                    _Inout_opt_ PDEVICE_OBJECT *FunctionalDeviceObject,
                                    _Inout_opt_ PDEVICE_OBJECT *NextDeviceObject,
                                    _Inout_opt_ PCM_RESOURCE_LIST *AllocatedResources,
                                    _Inout_opt_ PCM_RESOURCE_LIST *AllocatedResourcesTranslated);
NDISAPI NDIS_STATUS NdisMMapIoSpace(_Outptr_result_bytebuffer_(Length) PVOID *VirtualAddress,
                                    _In_ NDIS_HANDLE MiniportAdapterHandle,
                                    _In_ NDIS_PHYSICAL_ADDRESS PhysicalAddress, _In_ UINT Length);
NDISAPI VOID NdisMUnmapIoSpace(_In_ NDIS_HANDLE MiniportAdapterHandle,
                               _In_reads_bytes_(Length) PVOID VirtualAddress, _In_ UINT Length);

/* ---- Protocol drivers ------------------------------------------------------------------- */
typedef struct _NDIS_BIND_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING ProtocolSection;
    PNDIS_STRING AdapterName;
    PDEVICE_OBJECT PhysicalDeviceObject;
    NDIS_MEDIUM MediaType;
    ULONG MtuSize;
    ULONG64 MaxXmitLinkSpeed;
    ULONG64 XmitLinkSpeed;
    ULONG64 MaxRcvLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NDIS_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG LookaheadSize;
    PNDIS_PNP_CAPABILITIES PowerManagementCapabilities;
    ULONG SupportedPacketFilters;
    ULONG MaxMulticastListSize;
    USHORT MacAddressLength;
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    NDIS_PHYSICAL_MEDIUM PhysicalMediumType;
    PNDIS_RECEIVE_SCALE_CAPABILITIES RcvScaleCapabilities;
    NET_LUID BoundIfNetluid;
    NET_IFINDEX BoundIfIndex;
    NET_LUID LowestIfNetluid;
    NET_IFINDEX LowestIfIndex;
    NET_IF_ACCESS_TYPE AccessType;
    NET_IF_DIRECTION_TYPE DirectionType;
    NET_IF_CONNECTION_TYPE ConnectionType;
    NET_IFTYPE IfType;
    BOOLEAN IfConnectorPresent;
    PNDIS_PORT ActivePorts;
    ULONG DataBackFillSize;
    ULONG ContextBackFillSize;
    ULONG MacOptions;
    NET_IF_COMPARTMENT_ID CompartmentId;
    PNDIS_OFFLOAD DefaultOffloadConfiguration;
    PNDIS_TCP_CONNECTION_OFFLOAD TcpConnectionOffloadCapabilities;
    PNDIS_STRING BoundAdapterName;
    PNDIS_HD_SPLIT_CURRENT_CONFIG HDSplitCurrentConfig;
    PNDIS_RECEIVE_FILTER_CAPABILITIES ReceiveFilterCapabilities;
    PNDIS_PM_CAPABILITIES PowerManagementCapabilitiesEx;
    PNDIS_NIC_SWITCH_CAPABILITIES NicSwitchCapabilities;
} NDIS_BIND_PARAMETERS, *PNDIS_BIND_PARAMETERS;
#define NDIS_BIND_PARAMETERS_REVISION_1 1
#define NDIS_BIND_PARAMETERS_REVISION_2 2
#define NDIS_BIND_PARAMETERS_REVISION_3 3
#define NDIS_SIZEOF_BIND_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_BIND_PARAMETERS, TcpConnectionOffloadCapabilities)
#define NDIS_SIZEOF_BIND_PARAMETERS_REVISION_3 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_BIND_PARAMETERS, NicSwitchCapabilities)

typedef struct _NDIS_OPEN_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PNDIS_STRING AdapterName;
    PNDIS_MEDIUM MediumArray;
    UINT MediumArraySize;
    PUINT SelectedMediumIndex;
    PNET_FRAME_TYPE FrameTypeArray;
    UINT FrameTypeArraySize;
} NDIS_OPEN_PARAMETERS, *PNDIS_OPEN_PARAMETERS;
#define NDIS_OPEN_PARAMETERS_REVISION_1 1
#define NDIS_SIZEOF_OPEN_PARAMETERS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_OPEN_PARAMETERS, FrameTypeArraySize)

typedef struct _NDIS_PROTOCOL_RESTART_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    PUCHAR FilterModuleNameBuffer;
    ULONG FilterModuleNameBufferLength;
    PNDIS_RESTART_ATTRIBUTES RestartAttributes;
    NET_IFINDEX BoundIfIndex;
    NET_LUID BoundIfNetluid;
    ULONG Flags;
} NDIS_PROTOCOL_RESTART_PARAMETERS, *PNDIS_PROTOCOL_RESTART_PARAMETERS;
#define NDIS_PROTOCOL_RESTART_PARAMETERS_REVISION_1 1

typedef struct _NDIS_PROTOCOL_PAUSE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG PauseReason;
} NDIS_PROTOCOL_PAUSE_PARAMETERS, *PNDIS_PROTOCOL_PAUSE_PARAMETERS;

typedef NDIS_STATUS PROTOCOL_BIND_ADAPTER_EX(_In_ NDIS_HANDLE ProtocolDriverContext,
                                             _In_ NDIS_HANDLE BindContext,
                                             _In_ PNDIS_BIND_PARAMETERS BindParameters);
typedef PROTOCOL_BIND_ADAPTER_EX (*BIND_HANDLER_EX);
typedef NDIS_STATUS PROTOCOL_UNBIND_ADAPTER_EX(_In_ NDIS_HANDLE UnbindContext,
                                               _In_ NDIS_HANDLE ProtocolBindingContext);
typedef PROTOCOL_UNBIND_ADAPTER_EX (*UNBIND_HANDLER_EX);
typedef VOID PROTOCOL_OPEN_ADAPTER_COMPLETE_EX(_In_ NDIS_HANDLE ProtocolBindingContext,
                                               _In_ NDIS_STATUS Status);
typedef PROTOCOL_OPEN_ADAPTER_COMPLETE_EX (*OPEN_ADAPTER_COMPLETE_HANDLER_EX);
typedef VOID PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX(_In_ NDIS_HANDLE ProtocolBindingContext);
typedef PROTOCOL_CLOSE_ADAPTER_COMPLETE_EX (*CLOSE_ADAPTER_COMPLETE_HANDLER_EX);
typedef NDIS_STATUS PROTOCOL_NET_PNP_EVENT(_In_ NDIS_HANDLE ProtocolBindingContext,
                                           _In_ PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification);
typedef PROTOCOL_NET_PNP_EVENT (*NET_PNP_EVENT_HANDLER);
typedef VOID PROTOCOL_UNINSTALL(VOID);
typedef PROTOCOL_UNINSTALL (*UNINSTALL_PROTOCOL_HANDLER);
typedef VOID PROTOCOL_OID_REQUEST_COMPLETE(_In_ NDIS_HANDLE ProtocolBindingContext,
                                           _In_ PNDIS_OID_REQUEST OidRequest,
                                           _In_ NDIS_STATUS Status);
typedef PROTOCOL_OID_REQUEST_COMPLETE (*OID_REQUEST_COMPLETE_HANDLER);
typedef VOID PROTOCOL_STATUS_EX(_In_ NDIS_HANDLE ProtocolBindingContext,
                                _In_ PNDIS_STATUS_INDICATION StatusIndication);
typedef PROTOCOL_STATUS_EX (*STATUS_HANDLER_EX);
typedef VOID PROTOCOL_RECEIVE_NET_BUFFER_LISTS(_In_ NDIS_HANDLE ProtocolBindingContext,
                                               _In_ PNET_BUFFER_LIST NetBufferLists,
                                               _In_ NDIS_PORT_NUMBER PortNumber,
                                               _In_ ULONG NumberOfNetBufferLists,
                                               _In_ ULONG ReceiveFlags);
typedef PROTOCOL_RECEIVE_NET_BUFFER_LISTS (*RECEIVE_NET_BUFFER_LISTS_HANDLER);
typedef VOID PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE(_In_ NDIS_HANDLE ProtocolBindingContext,
                                                     _In_ PNET_BUFFER_LIST NetBufferList,
                                                     _In_ ULONG SendCompleteFlags);
typedef PROTOCOL_SEND_NET_BUFFER_LISTS_COMPLETE (*SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER);
typedef VOID PROTOCOL_DIRECT_OID_REQUEST_COMPLETE(_In_ NDIS_HANDLE ProtocolBindingContext,
                                                  _In_ PNDIS_OID_REQUEST OidRequest,
                                                  _In_ NDIS_STATUS Status);
typedef PROTOCOL_DIRECT_OID_REQUEST_COMPLETE (*DIRECT_OID_REQUEST_COMPLETE_HANDLER);

typedef struct _NDIS_PROTOCOL_DRIVER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UCHAR MajorDriverVersion;
    UCHAR MinorDriverVersion;
    ULONG Flags;
    NDIS_STRING Name;
    SET_OPTIONS_HANDLER SetOptionsHandler;
    BIND_HANDLER_EX BindAdapterHandlerEx;
    UNBIND_HANDLER_EX UnbindAdapterHandlerEx;
    OPEN_ADAPTER_COMPLETE_HANDLER_EX OpenAdapterCompleteHandlerEx;
    CLOSE_ADAPTER_COMPLETE_HANDLER_EX CloseAdapterCompleteHandlerEx;
    NET_PNP_EVENT_HANDLER NetPnPEventHandler;
    UNINSTALL_PROTOCOL_HANDLER UninstallHandler;
    OID_REQUEST_COMPLETE_HANDLER OidRequestCompleteHandler;
    STATUS_HANDLER_EX StatusHandlerEx;
    RECEIVE_NET_BUFFER_LISTS_HANDLER ReceiveNetBufferListsHandler;
    SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER SendNetBufferListsCompleteHandler;
    DIRECT_OID_REQUEST_COMPLETE_HANDLER DirectOidRequestCompleteHandler;
} NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, *PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS;

#define NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1 1
#define NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, SendNetBufferListsCompleteHandler)
#define NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2 2
#define NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_PROTOCOL_DRIVER_CHARACTERISTICS, DirectOidRequestCompleteHandler)
#define NDIS_PROTOCOL_GENERIC_FLAGS_MASK 0x0000FFFF

NDISAPI NDIS_STATUS NdisRegisterProtocolDriver(_In_opt_ NDIS_HANDLE ProtocolDriverContext,
                                               _In_ PNDIS_PROTOCOL_DRIVER_CHARACTERISTICS ProtocolCharacteristics,
                                               _Out_ PNDIS_HANDLE NdisProtocolHandle);
NDISAPI VOID NdisDeregisterProtocolDriver(_In_ NDIS_HANDLE NdisProtocolHandle);
NDISAPI NDIS_STATUS NdisOpenAdapterEx(_In_ NDIS_HANDLE NdisProtocolHandle,
                                      _In_ NDIS_HANDLE ProtocolBindingContext,
                                      _In_ PNDIS_OPEN_PARAMETERS OpenParameters,
                                      _In_ NDIS_HANDLE BindContext,
                                      _Out_ PNDIS_HANDLE NdisBindingHandle);
NDISAPI NDIS_STATUS NdisCloseAdapterEx(_In_ NDIS_HANDLE NdisBindingHandle);
NDISAPI VOID NdisCompleteBindAdapterEx(_In_ NDIS_HANDLE BindAdapterContext, _In_ NDIS_STATUS Status);
NDISAPI VOID NdisCompleteUnbindAdapterEx(_In_ NDIS_HANDLE UnbindContext);
NDISAPI NDIS_STATUS NdisUnbindAdapter(_In_ NDIS_HANDLE NdisBindingHandle);
NDISAPI VOID NdisReEnumerateProtocolBindings(_In_ NDIS_HANDLE NdisProtocolHandle);
NDISAPI VOID NdisCompleteNetPnPEvent(_In_ NDIS_HANDLE NdisBindingHandle,
                                     _In_ PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification,
                                     _In_ NDIS_STATUS Status);
NDISAPI NDIS_STATUS NdisOidRequest(_In_ NDIS_HANDLE NdisBindingHandle,
                                   _In_ PNDIS_OID_REQUEST OidRequest);
NDISAPI VOID NdisCancelOidRequest(_In_ NDIS_HANDLE NdisBindingHandle, _In_ PVOID RequestId);
NDISAPI NDIS_STATUS NdisDirectOidRequest(_In_ NDIS_HANDLE NdisBindingHandle,
                                         _In_ PNDIS_OID_REQUEST OidRequest);
NDISAPI VOID NdisCancelDirectOidRequest(_In_ NDIS_HANDLE NdisBindingHandle, _In_ PVOID RequestId);
NDISAPI VOID NdisSendNetBufferLists(_In_ NDIS_HANDLE NdisBindingHandle,
                                    _In_ PNET_BUFFER_LIST NetBufferLists,
                                    _In_ NDIS_PORT_NUMBER PortNumber, _In_ ULONG SendFlags);
NDISAPI VOID NdisReturnNetBufferLists(_In_ NDIS_HANDLE NdisBindingHandle,
                                      _In_ PNET_BUFFER_LIST NetBufferLists,
                                      _In_ ULONG ReturnFlags);
NDISAPI VOID NdisCancelSendNetBufferLists(_In_ NDIS_HANDLE NdisBindingHandle, _In_ PVOID CancelId);
NDISAPI NDIS_STATUS NdisQueryAdapterInstanceName(_Out_ PNDIS_STRING pAdapterInstanceName,
                                                 _In_ NDIS_HANDLE NdisBindingHandle);
NDISAPI NDIS_STATUS NdisQueryBindInstanceName(_Out_ PNDIS_STRING pAdapterInstanceName,
                                              _In_ NDIS_HANDLE BindingContext);

/* ---- Intermediate drivers ------------------------------------------------------------------ */
NDISAPI VOID NdisIMAssociateMiniport(_In_ NDIS_HANDLE DriverHandle, _In_ NDIS_HANDLE ProtocolHandle);
NDISAPI NDIS_STATUS NdisIMInitializeDeviceInstanceEx(_In_ NDIS_HANDLE DriverHandle,
                                                     _In_ PNDIS_STRING DriverInstance,
                                                     _In_opt_ NDIS_HANDLE DeviceContext);
NDISAPI NDIS_STATUS NdisIMCancelInitializeDeviceInstance(_In_ NDIS_HANDLE DriverHandle,
                                                         _In_ PNDIS_STRING DeviceInstance);
NDISAPI NDIS_STATUS NdisIMDeInitializeDeviceInstance(_In_ NDIS_HANDLE NdisMiniportHandle);
NDISAPI NDIS_HANDLE NdisIMGetBindingContext(_In_ NDIS_HANDLE NdisBindingHandle);

NDISAPI NDIS_STATUS NdisIfAddIfStackEntry(_In_ NET_IFINDEX HigherLayerIfIndex,
                                          _In_ NET_IFINDEX LowerLayerIfIndex);
NDISAPI VOID NdisIfDeleteIfStackEntry(_In_ NET_IFINDEX HigherLayerIfIndex,
                                      _In_ NET_IFINDEX LowerLayerIfIndex);

/* ---- Filter drivers ----------------------------------------------------------------------- */
typedef struct _NDIS_FILTER_ATTACH_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    NET_IFINDEX IfIndex;
    NET_LUID NetLuid;
    PNDIS_STRING FilterModuleGuidName;
    NET_IFINDEX BaseMiniportIfIndex;
    PNDIS_STRING BaseMiniportInstanceName;
    PNDIS_STRING BaseMiniportName;
    NDIS_MEDIA_CONNECT_STATE MediaConnectState;
    NET_IF_MEDIA_DUPLEX_STATE MediaDuplexState;
    ULONG64 XmitLinkSpeed;
    ULONG64 RcvLinkSpeed;
    NDIS_MEDIUM MiniportMediaType;
    NDIS_PHYSICAL_MEDIUM MiniportPhysicalMediaType;
    NDIS_HANDLE MiniportMediaSpecificAttributes;
    PNDIS_OFFLOAD DefaultOffloadConfiguration;
    USHORT MacAddressLength;
    UCHAR CurrentMacAddress[NDIS_MAX_PHYS_ADDRESS_LENGTH];
    NET_LUID BaseMiniportNetLuid;
    NET_IFINDEX LowerIfIndex;
    NET_LUID LowerIfNetLuid;
    ULONG Flags;
    PNDIS_HD_SPLIT_CURRENT_CONFIG HDSplitCurrentConfig;
    PNDIS_RECEIVE_FILTER_CAPABILITIES ReceiveFilterCapabilities;
    PDEVICE_OBJECT MiniportPhysicalDeviceObject;
    PNDIS_NIC_SWITCH_CAPABILITIES NicSwitchCapabilities;
} NDIS_FILTER_ATTACH_PARAMETERS, *PNDIS_FILTER_ATTACH_PARAMETERS;
#define NDIS_FILTER_ATTACH_PARAMETERS_REVISION_1 1

typedef struct _NDIS_FILTER_PAUSE_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    ULONG PauseReason;
} NDIS_FILTER_PAUSE_PARAMETERS, *PNDIS_FILTER_PAUSE_PARAMETERS;
#define NDIS_FILTER_PAUSE_PARAMETERS_REVISION_1 1

typedef struct _NDIS_FILTER_RESTART_PARAMETERS {
    NDIS_OBJECT_HEADER Header;
    NDIS_MEDIUM MiniportMediaType;
    NDIS_PHYSICAL_MEDIUM MiniportPhysicalMediaType;
    PNDIS_RESTART_ATTRIBUTES RestartAttributes;
    NET_IFINDEX LowerIfIndex;
    NET_LUID LowerIfNetLuid;
    ULONG Flags;
} NDIS_FILTER_RESTART_PARAMETERS, *PNDIS_FILTER_RESTART_PARAMETERS;
#define NDIS_FILTER_RESTART_PARAMETERS_REVISION_1 1

typedef struct _NDIS_FILTER_ATTRIBUTES {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
} NDIS_FILTER_ATTRIBUTES, *PNDIS_FILTER_ATTRIBUTES;
#define NDIS_FILTER_ATTRIBUTES_REVISION_1 1
#define NDIS_SIZEOF_FILTER_ATTRIBUTES_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_FILTER_ATTRIBUTES, Flags)

typedef NDIS_STATUS FILTER_ATTACH(_In_ NDIS_HANDLE NdisFilterHandle,
                                  _In_ NDIS_HANDLE FilterDriverContext,
                                  _In_ PNDIS_FILTER_ATTACH_PARAMETERS AttachParameters);
typedef FILTER_ATTACH (*FILTER_ATTACH_HANDLER);
typedef VOID FILTER_DETACH(_In_ NDIS_HANDLE FilterModuleContext);
typedef FILTER_DETACH (*FILTER_DETACH_HANDLER);
typedef NDIS_STATUS FILTER_SET_MODULE_OPTIONS(_In_ NDIS_HANDLE FilterModuleContext);
typedef FILTER_SET_MODULE_OPTIONS (*SET_FILTER_MODULE_OPTIONS_HANDLER);
typedef NDIS_STATUS FILTER_RESTART(_In_ NDIS_HANDLE FilterModuleContext,
                                   _In_ PNDIS_FILTER_RESTART_PARAMETERS RestartParameters);
typedef FILTER_RESTART (*FILTER_RESTART_HANDLER);
typedef NDIS_STATUS FILTER_PAUSE(_In_ NDIS_HANDLE FilterModuleContext,
                                 _In_ PNDIS_FILTER_PAUSE_PARAMETERS PauseParameters);
typedef FILTER_PAUSE (*FILTER_PAUSE_HANDLER);
typedef VOID FILTER_SEND_NET_BUFFER_LISTS(_In_ NDIS_HANDLE FilterModuleContext,
                                          _In_ PNET_BUFFER_LIST NetBufferList,
                                          _In_ NDIS_PORT_NUMBER PortNumber,
                                          _In_ ULONG SendFlags);
typedef FILTER_SEND_NET_BUFFER_LISTS (*FILTER_SEND_NET_BUFFER_LISTS_HANDLER);
typedef VOID FILTER_SEND_NET_BUFFER_LISTS_COMPLETE(_In_ NDIS_HANDLE FilterModuleContext,
                                                   _In_ PNET_BUFFER_LIST NetBufferList,
                                                   _In_ ULONG SendCompleteFlags);
typedef FILTER_SEND_NET_BUFFER_LISTS_COMPLETE (*FILTER_SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER);
typedef VOID FILTER_CANCEL_SEND_NET_BUFFER_LISTS(_In_ NDIS_HANDLE FilterModuleContext,
                                                 _In_ PVOID CancelId);
typedef FILTER_CANCEL_SEND_NET_BUFFER_LISTS (*FILTER_CANCEL_SEND_HANDLER);
typedef VOID FILTER_RECEIVE_NET_BUFFER_LISTS(_In_ NDIS_HANDLE FilterModuleContext,
                                             _In_ PNET_BUFFER_LIST NetBufferLists,
                                             _In_ NDIS_PORT_NUMBER PortNumber,
                                             _In_ ULONG NumberOfNetBufferLists,
                                             _In_ ULONG ReceiveFlags);
typedef FILTER_RECEIVE_NET_BUFFER_LISTS (*FILTER_RECEIVE_NET_BUFFER_LISTS_HANDLER);
typedef VOID FILTER_RETURN_NET_BUFFER_LISTS(_In_ NDIS_HANDLE FilterModuleContext,
                                            _In_ PNET_BUFFER_LIST NetBufferLists,
                                            _In_ ULONG ReturnFlags);
typedef FILTER_RETURN_NET_BUFFER_LISTS (*FILTER_RETURN_NET_BUFFER_LISTS_HANDLER);
typedef NDIS_STATUS FILTER_OID_REQUEST(_In_ NDIS_HANDLE FilterModuleContext,
                                       _In_ PNDIS_OID_REQUEST OidRequest);
typedef FILTER_OID_REQUEST (*FILTER_OID_REQUEST_HANDLER);
typedef VOID FILTER_OID_REQUEST_COMPLETE(_In_ NDIS_HANDLE FilterModuleContext,
                                         _In_ PNDIS_OID_REQUEST OidRequest,
                                         _In_ NDIS_STATUS Status);
typedef FILTER_OID_REQUEST_COMPLETE (*FILTER_OID_REQUEST_COMPLETE_HANDLER);
typedef VOID FILTER_CANCEL_OID_REQUEST(_In_ NDIS_HANDLE FilterModuleContext, _In_ PVOID RequestId);
typedef FILTER_CANCEL_OID_REQUEST (*FILTER_CANCEL_OID_REQUEST_HANDLER);
typedef VOID FILTER_DEVICE_PNP_EVENT_NOTIFY(_In_ NDIS_HANDLE FilterModuleContext,
                                            _In_ PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
typedef FILTER_DEVICE_PNP_EVENT_NOTIFY (*FILTER_DEVICE_PNP_EVENT_NOTIFY_HANDLER);
typedef NDIS_STATUS FILTER_NET_PNP_EVENT(_In_ NDIS_HANDLE FilterModuleContext,
                                         _In_ PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification);
typedef FILTER_NET_PNP_EVENT (*FILTER_NET_PNP_EVENT_HANDLER);
typedef VOID FILTER_STATUS(_In_ NDIS_HANDLE FilterModuleContext,
                           _In_ PNDIS_STATUS_INDICATION StatusIndication);
typedef FILTER_STATUS (*FILTER_STATUS_HANDLER);
typedef NDIS_STATUS FILTER_DIRECT_OID_REQUEST(_In_ NDIS_HANDLE FilterModuleContext,
                                              _In_ PNDIS_OID_REQUEST OidRequest);
typedef FILTER_DIRECT_OID_REQUEST (*FILTER_DIRECT_OID_REQUEST_HANDLER);
typedef VOID FILTER_DIRECT_OID_REQUEST_COMPLETE(_In_ NDIS_HANDLE FilterModuleContext,
                                                _In_ PNDIS_OID_REQUEST OidRequest,
                                                _In_ NDIS_STATUS Status);
typedef FILTER_DIRECT_OID_REQUEST_COMPLETE (*FILTER_DIRECT_OID_REQUEST_COMPLETE_HANDLER);
typedef VOID FILTER_CANCEL_DIRECT_OID_REQUEST(_In_ NDIS_HANDLE FilterModuleContext,
                                              _In_ PVOID RequestId);
typedef FILTER_CANCEL_DIRECT_OID_REQUEST (*FILTER_CANCEL_DIRECT_OID_REQUEST_HANDLER);
typedef VOID FILTER_DRIVER_UNLOAD(_In_ PDRIVER_OBJECT DriverObject);
typedef FILTER_DRIVER_UNLOAD (*FILTER_DRIVER_UNLOAD_HANDLER);

typedef struct _NDIS_FILTER_DRIVER_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    UCHAR MajorNdisVersion;
    UCHAR MinorNdisVersion;
    UCHAR MajorDriverVersion;
    UCHAR MinorDriverVersion;
    ULONG Flags;
    NDIS_STRING FriendlyName;
    NDIS_STRING UniqueName;
    NDIS_STRING ServiceName;
    SET_OPTIONS_HANDLER SetOptionsHandler;
    SET_FILTER_MODULE_OPTIONS_HANDLER SetFilterModuleOptionsHandler;
    FILTER_ATTACH_HANDLER AttachHandler;
    FILTER_DETACH_HANDLER DetachHandler;
    FILTER_RESTART_HANDLER RestartHandler;
    FILTER_PAUSE_HANDLER PauseHandler;
    FILTER_SEND_NET_BUFFER_LISTS_HANDLER SendNetBufferListsHandler;
    FILTER_SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER SendNetBufferListsCompleteHandler;
    FILTER_CANCEL_SEND_HANDLER CancelSendNetBufferListsHandler;
    FILTER_RECEIVE_NET_BUFFER_LISTS_HANDLER ReceiveNetBufferListsHandler;
    FILTER_RETURN_NET_BUFFER_LISTS_HANDLER ReturnNetBufferListsHandler;
    FILTER_OID_REQUEST_HANDLER OidRequestHandler;
    FILTER_OID_REQUEST_COMPLETE_HANDLER OidRequestCompleteHandler;
    FILTER_CANCEL_OID_REQUEST_HANDLER CancelOidRequestHandler;
    FILTER_DEVICE_PNP_EVENT_NOTIFY_HANDLER DevicePnPEventNotifyHandler;
    FILTER_NET_PNP_EVENT_HANDLER NetPnPEventHandler;
    FILTER_STATUS_HANDLER StatusHandler;
    FILTER_DIRECT_OID_REQUEST_HANDLER DirectOidRequestHandler;
    FILTER_DIRECT_OID_REQUEST_COMPLETE_HANDLER DirectOidRequestCompleteHandler;
    FILTER_CANCEL_DIRECT_OID_REQUEST_HANDLER CancelDirectOidRequestHandler;
} NDIS_FILTER_DRIVER_CHARACTERISTICS, *PNDIS_FILTER_DRIVER_CHARACTERISTICS;

#define NDIS_FILTER_CHARACTERISTICS_REVISION_1 1
#define NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_1 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_FILTER_DRIVER_CHARACTERISTICS, StatusHandler)
#define NDIS_FILTER_CHARACTERISTICS_REVISION_2 2
#define NDIS_SIZEOF_FILTER_DRIVER_CHARACTERISTICS_REVISION_2 \
    RTL_SIZEOF_THROUGH_FIELD(NDIS_FILTER_DRIVER_CHARACTERISTICS, CancelDirectOidRequestHandler)
#define NDIS_FILTER_DRIVER_MANDATORY 0x00000001
#define NDIS_FILTER_DRIVER_SUPPORTS_CURRENT_MAC_ADDRESS_CHANGE 0x00000002
#define NDIS_FILTER_DRIVER_SUPPORTS_L2_MTU_SIZE_CHANGE 0x00000004

typedef struct _NDIS_FILTER_PARTIAL_CHARACTERISTICS {
    NDIS_OBJECT_HEADER Header;
    ULONG Flags;
    FILTER_SEND_NET_BUFFER_LISTS_HANDLER SendNetBufferListsHandler;
    FILTER_SEND_NET_BUFFER_LISTS_COMPLETE_HANDLER SendNetBufferListsCompleteHandler;
    FILTER_CANCEL_SEND_HANDLER CancelSendNetBufferListsHandler;
    FILTER_RECEIVE_NET_BUFFER_LISTS_HANDLER ReceiveNetBufferListsHandler;
    FILTER_RETURN_NET_BUFFER_LISTS_HANDLER ReturnNetBufferListsHandler;
} NDIS_FILTER_PARTIAL_CHARACTERISTICS, *PNDIS_FILTER_PARTIAL_CHARACTERISTICS;
#define NDIS_FILTER_PARTIAL_CHARACTERISTICS_REVISION_1 1

NDISAPI NDIS_STATUS NdisFRegisterFilterDriver(_In_ PDRIVER_OBJECT DriverObject,
                                              _In_ NDIS_HANDLE FilterDriverContext,
                                              _In_ PNDIS_FILTER_DRIVER_CHARACTERISTICS FilterDriverCharacteristics,
                                              _Out_ PNDIS_HANDLE NdisFilterDriverHandle);
NDISAPI VOID NdisFDeregisterFilterDriver(_In_ NDIS_HANDLE NdisFilterDriverHandle);
NDISAPI NDIS_STATUS NdisFSetAttributes(_In_ NDIS_HANDLE NdisFilterHandle,
                                       _In_ NDIS_HANDLE FilterModuleContext,
                                       _In_ PNDIS_FILTER_ATTRIBUTES FilterAttributes);
NDISAPI NDIS_STATUS NdisFRestartFilter(_In_ NDIS_HANDLE NdisFilterHandle);
NDISAPI VOID NdisFSendNetBufferLists(_In_ NDIS_HANDLE NdisFilterHandle,
                                     _In_ PNET_BUFFER_LIST NetBufferList,
                                     _In_ NDIS_PORT_NUMBER PortNumber, _In_ ULONG SendFlags);
NDISAPI VOID NdisFReturnNetBufferLists(_In_ NDIS_HANDLE NdisFilterHandle,
                                       _In_ PNET_BUFFER_LIST NetBufferLists,
                                       _In_ ULONG ReturnFlags);
NDISAPI VOID NdisFSendNetBufferListsComplete(_In_ NDIS_HANDLE NdisFilterHandle,
                                             _In_ PNET_BUFFER_LIST NetBufferList,
                                             _In_ ULONG SendCompleteFlags);
NDISAPI VOID NdisFIndicateReceiveNetBufferLists(_In_ NDIS_HANDLE NdisFilterHandle,
                                                _In_ PNET_BUFFER_LIST NetBufferLists,
                                                _In_ NDIS_PORT_NUMBER PortNumber,
                                                _In_ ULONG NumberOfNetBufferLists,
                                                _In_ ULONG ReceiveFlags);
NDISAPI VOID NdisFPauseComplete(_In_ NDIS_HANDLE NdisFilterHandle);
NDISAPI VOID NdisFRestartComplete(_In_ NDIS_HANDLE NdisFilterHandle, _In_ NDIS_STATUS Status);
NDISAPI NDIS_STATUS NdisFOidRequest(_In_ NDIS_HANDLE NdisFilterHandle,
                                    _In_ PNDIS_OID_REQUEST OidRequest);
NDISAPI VOID NdisFOidRequestComplete(_In_ NDIS_HANDLE NdisFilterHandle,
                                     _In_ PNDIS_OID_REQUEST OidRequest,
                                     _In_ NDIS_STATUS Status);
NDISAPI VOID NdisFCancelOidRequest(_In_ NDIS_HANDLE NdisFilterHandle, _In_ PVOID RequestId);
NDISAPI NDIS_STATUS NdisFDirectOidRequest(_In_ NDIS_HANDLE NdisFilterHandle,
                                          _In_ PNDIS_OID_REQUEST OidRequest);
NDISAPI VOID NdisFDirectOidRequestComplete(_In_ NDIS_HANDLE NdisFilterHandle,
                                           _In_ PNDIS_OID_REQUEST OidRequest,
                                           _In_ NDIS_STATUS Status);
NDISAPI VOID NdisFCancelDirectOidRequest(_In_ NDIS_HANDLE NdisFilterHandle, _In_ PVOID RequestId);
NDISAPI VOID NdisFIndicateStatus(_In_ NDIS_HANDLE NdisFilterHandle,
                                 _In_ PNDIS_STATUS_INDICATION StatusIndication);
NDISAPI NDIS_STATUS NdisFNetPnPEvent(_In_ NDIS_HANDLE NdisFilterHandle,
                                     _In_ PNET_PNP_EVENT_NOTIFICATION NetPnPEventNotification);
NDISAPI VOID NdisFDevicePnPEventNotify(_In_ NDIS_HANDLE NdisFilterHandle,
                                       _In_ PNET_DEVICE_PNP_EVENT NetDevicePnPEvent);
NDISAPI VOID NdisFCancelSendNetBufferLists(_In_ NDIS_HANDLE NdisFilterHandle, _In_ PVOID CancelId);

#endif /* NDISLINT_NDIS_H */
#endif /* _NDIS_ */
