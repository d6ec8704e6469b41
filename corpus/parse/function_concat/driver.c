/*
 * parse/function_concat - CORRECT (no finding): MSVC's pasting of string
 * literals with __FUNCTION__.
 *
 * MSVC treats __FUNCTION__ as a string literal that pastes with literals
 * beside it: `"MUX: " __FUNCTION__ ": failed"` is one literal; clang does
 * not.  This driver pastes in its own calls and through the macros and the
 * inline helper (called from the halt handler only) of its local header
 * fcdebug.h.  The driver is correct:
 * miniport (NDIS_INTERMEDIATE_DRIVER) registered after the state its
 * initialize handler reads, protocol registered, both associated, both
 * undone on every error path and in unload.
 */
#include "fcdebug.h"

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE FcInitialize;
MINIPORT_HALT FcHalt;
MINIPORT_UNLOAD FcUnload;

static NDIS_HANDLE FcMiniportHandle;
static NDIS_HANDLE FcProtocolHandle;
static LIST_ENTRY FcAdapterList;
static NDIS_SPIN_LOCK FcLock;

_Use_decl_annotations_
NDIS_STATUS
FcInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);

    FC_TRACE_ENTER();
    NdisAcquireSpinLock(&FcLock);
    if (IsListEmpty(&FcAdapterList)) {
        DbgPrint("FCMUX: " __FUNCTION__ ": first adapter %p\n", MiniportAdapterHandle);
    }
    NdisReleaseSpinLock(&FcLock);
    FC_TRACE_LEAVE(NDIS_STATUS_SUCCESS);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
FcHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
    FC_TRACE_ENTER();
    FcLogStep(0);
}

_Use_decl_annotations_
VOID
FcUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    DbgPrint(__FUNCTION__ ": unloading\n");
    NdisDeregisterProtocolDriver(FcProtocolHandle);
    NdisMDeregisterMiniportDriver(FcMiniportHandle);
    NdisFreeSpinLock(&FcLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    FC_TRACE_ENTER();
    NdisAllocateSpinLock(&FcLock);
    InitializeListHead(&FcAdapterList);

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = FcInitialize;
    MChars.HaltHandlerEx = FcHalt;
    MChars.UnloadHandler = FcUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &FcMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        DbgPrint("MUX: " __FUNCTION__ ": failed %x\n", Status);
        NdisFreeSpinLock(&FcLock);
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &FcProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        FC_ERROR("NdisRegisterProtocolDriver", Status);
        NdisMDeregisterMiniportDriver(FcMiniportHandle);
        NdisFreeSpinLock(&FcLock);
        return Status;
    }

    NdisIMAssociateMiniport(FcMiniportHandle, FcProtocolHandle);
    FC_TRACE_LEAVE(Status);
    return NDIS_STATUS_SUCCESS;
}
