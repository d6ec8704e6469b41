/*
 * im-protocol-registration - CORRECT (no finding).
 * IM driver whose Flags is built as NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER
 * and whose registrations sit inside a do { ... } while (FALSE) block left
 * with `break`.  The protocol registration is a call even though it is inside
 * a "loop"; the cleanup after the block deregisters the miniport when the
 * protocol registration failed (tested through a BOOLEAN flag).
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

NDIS_HANDLE g_MiniportHandle = NULL;
NDIS_HANDLE g_ProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(g_ProtocolHandle);
    NdisMDeregisterMiniportDriver(g_MiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
PtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
PtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    BOOLEAN MiniportRegistered = FALSE;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;
    NDIS_STRING Name = NDIS_STRING_CONST("ImDoWhile");

    do {
        NdisZeroMemory(&MChars, sizeof(MChars));
        MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
        MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
        MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
        MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
        MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
        MChars.Flags = NDIS_INTERMEDIATE_DRIVER | NDIS_WDM_DRIVER;
        MChars.InitializeHandlerEx = MpInitialize;
        MChars.UnloadHandler = MpUnload;

        Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                             &MChars, &g_MiniportHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }
        MiniportRegistered = TRUE;

        NdisZeroMemory(&PChars, sizeof(PChars));
        PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
        PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
        PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
        PChars.Name = Name;
        PChars.BindAdapterHandlerEx = PtBindAdapter;
        PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;

        Status = NdisRegisterProtocolDriver(NULL, &PChars, &g_ProtocolHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        NdisIMAssociateMiniport(g_MiniportHandle, g_ProtocolHandle);
    } while (FALSE);

    if (Status != NDIS_STATUS_SUCCESS && MiniportRegistered) {
        NdisMDeregisterMiniportDriver(g_MiniportHandle);
    }
    return Status;
}
