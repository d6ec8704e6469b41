/*
 * wmistr.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: the basic WMI data block header types,
 * written from their documented shapes.
 */
#ifndef _WMISTR_
#define _WMISTR_
#ifndef NDISLINT_WMISTR_H
#define NDISLINT_WMISTR_H

#include <ntdef.h>

typedef struct _WNODE_HEADER {
    ULONG BufferSize;
    ULONG ProviderId;
    union {
        ULONG64 HistoricalContext;
        struct {
            ULONG Version;
            ULONG Linkage;
        };
    };
    union {
        ULONG CountLost;
        HANDLE KernelHandle;
        LARGE_INTEGER TimeStamp;
    };
    GUID Guid;
    ULONG ClientContext;
    ULONG Flags;
} WNODE_HEADER, *PWNODE_HEADER;

typedef struct tagWNODE_ALL_DATA {
    struct _WNODE_HEADER WnodeHeader;
    ULONG DataBlockOffset;
    ULONG InstanceCount;
    ULONG OffsetInstanceNameOffsets;
    union {
        ULONG FixedInstanceSize;
        struct {
            ULONG OffsetInstanceData;
            ULONG LengthInstanceData;
        } OffsetInstanceDataAndLength[1];
    };
} WNODE_ALL_DATA, *PWNODE_ALL_DATA;

typedef struct tagWNODE_SINGLE_INSTANCE {
    struct _WNODE_HEADER WnodeHeader;
    ULONG OffsetInstanceName;
    ULONG InstanceIndex;
    ULONG DataBlockOffset;
    ULONG SizeDataBlock;
    UCHAR VariableData[1];
} WNODE_SINGLE_INSTANCE, *PWNODE_SINGLE_INSTANCE;

#define WNODE_FLAG_ALL_DATA        0x00000001
#define WNODE_FLAG_SINGLE_INSTANCE 0x00000002
#define WNODE_FLAG_SINGLE_ITEM     0x00000004
#define WNODE_FLAG_EVENT_ITEM      0x00000008
#define WNODE_FLAG_FIXED_INSTANCE_SIZE 0x00000010
#define WNODE_FLAG_TOO_SMALL       0x00000020
#define WNODE_FLAG_STATIC_INSTANCE_NAMES 0x00000040

#endif /* NDISLINT_WMISTR_H */
#endif /* _WMISTR_ */
