/*
 * protocol-deregister-on-unload - VIOLATION (at the unload handler's name).
 * IM driver whose unload handler waits (with a timeout) for the last binding
 * to close and deregisters the protocol only when the wait succeeded; when
 * NdisWaitEvent times out it skips NdisDeregisterProtocolDriver and unloads
 * anyway.  NdisWaitEvent's result is unknown, so both branches are feasible.
 * The miniport half is deregistered on both branches.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE ObInitialize;
MINIPORT_UNLOAD ObUnload;
PROTOCOL_BIND_ADAPTER_EX ObBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX ObUnbindAdapter;

NDIS_HANDLE ObMiniportHandle = NULL;
NDIS_HANDLE ObProtocolHandle = NULL;
NDIS_EVENT ObBindingsClosed;

_Use_decl_annotations_
NDIS_STATUS
ObInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
ObUnload(PDRIVER_OBJECT DriverObject)  // expect: protocol-deregister-on-unload
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (NdisWaitEvent(&ObBindingsClosed, 5000)) {
        NdisDeregisterProtocolDriver(ObProtocolHandle);
        ObProtocolHandle = NULL;
    } else {
        DbgPrint("ObUnload: bindings still open, leaving the protocol\n");
    }
    NdisMDeregisterMiniportDriver(ObMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
ObBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
ObUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("OneBranch");

    NdisInitializeEvent(&ObBindingsClosed);

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = ObInitialize;
    MChars.UnloadHandler = ObUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ObMiniportHandle);
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
    PChars.BindAdapterHandlerEx = ObBindAdapter;
    PChars.UnbindAdapterHandlerEx = ObUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &ObProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(ObMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(ObMiniportHandle, ObProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
