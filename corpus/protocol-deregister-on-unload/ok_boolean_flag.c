/*
 * protocol-deregister-on-unload - CORRECT (no finding).
 * IM driver that records the protocol registration in a BOOLEAN set right
 * after each successful NdisRegisterProtocolDriver - including the fallback
 * registration with revision 1 characteristics after NDIS_STATUS_BAD_VERSION
 * - and whose unload handler deregisters under that flag.  Every success
 * state has the flag set; a checker that sees only "conditional call" would
 * wrongly report the handler.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE BfInitialize;
MINIPORT_UNLOAD BfUnload;
PROTOCOL_BIND_ADAPTER_EX BfBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX BfUnbindAdapter;

NDIS_HANDLE BfMiniportHandle = NULL;
NDIS_HANDLE BfProtocolHandle = NULL;
static BOOLEAN BfProtocolRegistered;

_Use_decl_annotations_
NDIS_STATUS
BfInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
BfUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (BfProtocolRegistered) {
        NdisDeregisterProtocolDriver(BfProtocolHandle);
        BfProtocolRegistered = FALSE;
    }
    NdisMDeregisterMiniportDriver(BfMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
BfBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
BfUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("BoolFlag");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = BfInitialize;
    MChars.UnloadHandler = BfUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &BfMiniportHandle);
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
    PChars.BindAdapterHandlerEx = BfBindAdapter;
    PChars.UnbindAdapterHandlerEx = BfUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &BfProtocolHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        BfProtocolRegistered = TRUE;
    } else if (Status == NDIS_STATUS_BAD_VERSION) {
        PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
        PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_1;
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &BfProtocolHandle);
        if (NT_SUCCESS(Status)) {
            BfProtocolRegistered = TRUE;
        }
    }
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(BfMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(BfMiniportHandle, BfProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
