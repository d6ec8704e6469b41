/*
 * protocol-deregister-on-unload - CORRECT (no finding).
 * IM driver keeping both registrations as bits of one global flag word;
 * DriverEntry ORs each bit in right after its registration succeeds and the
 * unload handler tests the bits with `&` before deregistering.  The protocol
 * bit is tested in a separate if after the miniport one.  A checker that does
 * not track bits would say the protocol deregistration may be skipped.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE BtInitialize;
MINIPORT_UNLOAD BtUnload;
PROTOCOL_BIND_ADAPTER_EX BtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX BtUnbindAdapter;

NDIS_HANDLE BtMiniportHandle = NULL;
NDIS_HANDLE BtProtocolHandle = NULL;

#define BT_MINIPORT_UP 0x01
#define BT_PROTOCOL_UP 0x02

static ULONG BtState;

_Use_decl_annotations_
NDIS_STATUS
BtInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
BtUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (BtState & BT_PROTOCOL_UP) {
        NdisDeregisterProtocolDriver(BtProtocolHandle);
        BtState &= ~BT_PROTOCOL_UP;
    }
    if (BtState & BT_MINIPORT_UP) {
        NdisMDeregisterMiniportDriver(BtMiniportHandle);
        BtState &= ~BT_MINIPORT_UP;
    }
}

_Use_decl_annotations_
NDIS_STATUS
BtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
BtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("BitFlags");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = BtInitialize;
    MChars.UnloadHandler = BtUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &BtMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }
    BtState |= BT_MINIPORT_UP;

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = BtBindAdapter;
    PChars.UnbindAdapterHandlerEx = BtUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &BtProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(BtMiniportHandle);
        BtState &= ~BT_MINIPORT_UP;
        return Status;
    }
    BtState |= BT_PROTOCOL_UP;

    NdisIMAssociateMiniport(BtMiniportHandle, BtProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
