/*
 * analysis-incomplete - VIOLATION (one warning, in the helper).
 * DriverEntry calls UdInitGlobals before registering; the helper uses
 * IM_LOOKASIDE_DEPTH, a macro of a header this file forgot to include, so
 * the parser reports an undeclared identifier inside a function DriverEntry
 * calls (a function the rules depend on).  DriverEntry itself parses fine and
 * gets no warning of its own.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE UdInitialize;
MINIPORT_HALT UdHalt;
MINIPORT_UNLOAD UdUnload;
MINIPORT_SEND_NET_BUFFER_LISTS UdSendNetBufferLists;

static NDIS_HANDLE UdMiniportHandle;
static NDIS_HANDLE UdProtocolHandle;
static NPAGED_LOOKASIDE_LIST UdContextPool;
static USHORT UdPoolDepth;

/* Sets up the driver-wide pool before the miniport can be initialized. */
static VOID
UdInitGlobals(VOID)
{
    UdPoolDepth = IM_LOOKASIDE_DEPTH;  // expect: analysis-incomplete
    NdisInitializeNPagedLookasideList(&UdContextPool, NULL, NULL, 0,
                                      256, 'pCdU', 0);
}

_Use_decl_annotations_
NDIS_STATUS
UdInitialize(
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
UdHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
UdSendNetBufferLists(
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
UdUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeleteNPagedLookasideList(&UdContextPool);
    NdisDeregisterProtocolDriver(UdProtocolHandle);
    NdisMDeregisterMiniportDriver(UdMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    UdInitGlobals();
    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = UdInitialize;
    MChars.HaltHandlerEx = UdHalt;
    MChars.UnloadHandler = UdUnload;
    MChars.SendNetBufferListsHandler = UdSendNetBufferLists;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &UdMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &UdProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(UdMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(UdMiniportHandle, UdProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
