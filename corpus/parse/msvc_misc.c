/*
 * parse/msvc_misc - CORRECT (no finding): MSVC habits that must parse.
 *
 * Section pragmas (alloc_text, NDIS_INIT_FUNCTION) and
 * __declspec(code_seg("INIT")), #pragma warning push/disable/pop around a
 * nameless union, __int64, wide strings through NDIS_STRING_CONST and L"",
 * _Use_decl_annotations_, PAGED_CODE(), C_ASSERT, UNREFERENCED_PARAMETER,
 * NOTHING and a __forceinline helper.  The driver is correct: miniport
 * (NDIS_INTERMEDIATE_DRIVER) registered after the state its initialize
 * handler reads, protocol registered, both associated, both undone on every
 * error path and in unload.
 */
#include <ndis.h>

#define MX_TAG_CONFIG   0x6f43784d  /* 'MxCo' */

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MxInitialize;
MINIPORT_HALT MxHalt;
MINIPORT_UNLOAD MxUnload;

#pragma alloc_text(INIT, DriverEntry)
#pragma alloc_text(PAGE, MxUnload)

#pragma warning(push)
#pragma warning(disable:4201)   /* nameless struct/union */
typedef struct _MX_COUNTERS {
    union {
        unsigned __int64 Total;
        struct {
            ULONG Low;
            ULONG High;
        };
    };
    __int64 Dropped;
} MX_COUNTERS;
#pragma warning(pop)

C_ASSERT(sizeof(MX_COUNTERS) == 16);

typedef struct _MX_GLOBALS {
    NDIS_HANDLE     MiniportDriverHandle;
    NDIS_HANDLE     ProtocolHandle;
    NDIS_SPIN_LOCK  Lock;
    MX_COUNTERS     Counters;
    BOOLEAN         Ready;
    WCHAR           InstanceName[32];
} MX_GLOBALS;

static MX_GLOBALS MxGlobals;

#if DBG
#define MX_ASSERT(_e)   if (!(_e)) { DbgPrint("MXMUX: assertion failed: " #_e "\n"); }
#else
#define MX_ASSERT(_e)   NOTHING
#endif

/* Is the driver-wide state set up?  (Read by the initialize handler.) */
static __forceinline BOOLEAN
MxIsReady(VOID)
{
    return MxGlobals.Ready;
}

/* Sets up the driver-wide state; discarded with the INIT section. */
#pragma NDIS_INIT_FUNCTION(MxInitGlobals)
__declspec(code_seg("INIT"))
static VOID
MxInitGlobals(VOID)
{
    static const WCHAR Name[] = L"MxMux";

    NdisZeroMemory(&MxGlobals, sizeof(MxGlobals));
    NdisAllocateSpinLock(&MxGlobals.Lock);
    MxGlobals.Counters.Total = 0ui64;
    MxGlobals.Counters.Dropped = -1i64 + 1;
    NdisMoveMemory(MxGlobals.InstanceName, Name, sizeof(Name));
    MxGlobals.Ready = TRUE;
}

_Use_decl_annotations_
NDIS_STATUS
MxInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    MX_ASSERT(MxIsReady());
    if (!MxIsReady()) {
        return NDIS_STATUS_FAILURE;
    }
    NdisAcquireSpinLock(&MxGlobals.Lock);
    MxGlobals.Counters.Total++;
    NdisReleaseSpinLock(&MxGlobals.Lock);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MxHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
    NOTHING;
}

_Use_decl_annotations_
VOID
MxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    PAGED_CODE();

    NdisDeregisterProtocolDriver(MxGlobals.ProtocolHandle);
    NdisMDeregisterMiniportDriver(MxGlobals.MiniportDriverHandle);
    NdisFreeSpinLock(&MxGlobals.Lock);
}

#pragma NDIS_INIT_FUNCTION(DriverEntry)

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING ProtocolName = NDIS_STRING_CONST("MxMux");

    PAGED_CODE();
    MxInitGlobals();

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = MxInitialize;
    MChars.HaltHandlerEx = MxHalt;
    MChars.UnloadHandler = MxUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &MxGlobals.MiniportDriverHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&MxGlobals.Lock);
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = ProtocolName;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &MxGlobals.ProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(MxGlobals.MiniportDriverHandle);
        NdisFreeSpinLock(&MxGlobals.Lock);
        return Status;
    }

    NdisIMAssociateMiniport(MxGlobals.MiniportDriverHandle, MxGlobals.ProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
