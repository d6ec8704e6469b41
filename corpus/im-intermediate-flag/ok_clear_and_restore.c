/*
 * im-intermediate-flag - CORRECT (no finding).
 * Flags starts with NDIS_WDM_DRIVER | NDIS_INTERMEDIATE_DRIVER; a branch
 * strips both bits with `&= ~` (an old "diagnostic mode"), and the code
 * right after restores the IM bit unconditionally with `|=`.  On every path
 * the bit is set at the call; a checker that reports any `&= ~` of the bit
 * would wrongly flag it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE CrInitialize;
MINIPORT_UNLOAD CrUnload;
PROTOCOL_BIND_ADAPTER_EX CrBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX CrUnbindAdapter;

NDIS_HANDLE CrMiniportHandle = NULL;
NDIS_HANDLE CrProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
CrInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
CrUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(CrProtocolHandle);
    NdisMDeregisterMiniportDriver(CrMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
CrBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
CrUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("ClearRestore");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_WDM_DRIVER | NDIS_INTERMEDIATE_DRIVER;
    if (RegistryPath->Length > 200) {
        MChars.Flags &= ~(NDIS_WDM_DRIVER | NDIS_INTERMEDIATE_DRIVER);
    }
    /* Whatever the mode, this is an intermediate driver. */
    MChars.Flags |= NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = CrInitialize;
    MChars.UnloadHandler = CrUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &CrMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.Name = Name;
    PChars.BindAdapterHandlerEx = CrBindAdapter;
    PChars.UnbindAdapterHandlerEx = CrUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &CrProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(CrMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(CrMiniportHandle, CrProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
