/*
 * miniport-deregister-on-unload - CORRECT (no finding), three-file run.
 * DriverEntry (here) registers an IM driver whose MiniportDriverUnload
 * (unload.c) contains no NDIS call itself: it calls OmReleaseProtocol and
 * OmReleaseMiniport in cleanup.c, which deregister through the handles kept
 * in a global structure.  The handles are fields of OmGlobals, zero until
 * written.  A checker that does not follow calls across files would report
 * the handler.
 */
#include "omdrv.h"

OM_GLOBALS OmGlobals;

_Use_decl_annotations_
NDIS_STATUS
OmInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
NDIS_STATUS
OmBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
OmUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("OkMultiFile");

    NdisAllocateSpinLock(&OmGlobals.Lock);

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = OmInitialize;
    MChars.UnloadHandler = OmUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &OmGlobals.MiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&OmGlobals.Lock);
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = OmBindAdapter;
    PChars.UnbindAdapterHandlerEx = OmUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &OmGlobals.ProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        OmReleaseMiniport();
        NdisFreeSpinLock(&OmGlobals.Lock);
        return Status;
    }

    NdisIMAssociateMiniport(OmGlobals.MiniportHandle, OmGlobals.ProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
