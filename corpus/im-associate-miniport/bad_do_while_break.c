/*
 * im-associate-miniport - VIOLATION.
 * IM driver written as `do { } while (0)` with `break`.  After both
 * registrations, a "no virtual miniports configured" check breaks out of
 * the block with a SUCCESS status, jumping over the association at the end
 * of the block.  One finding at DriverEntry's name.  The error breaks
 * deregister what was registered.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static NDIS_HANDLE ImMiniportHandle;
static NDIS_HANDLE ImProtocolHandle;

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
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(ImProtocolHandle);
    NdisMDeregisterMiniportDriver(ImMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)  // expect: im-associate-miniport
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    do {
        NdisZeroMemory(&MChars, sizeof(MChars));
        MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
        MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
        MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
        MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
        MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
        MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
        MChars.InitializeHandlerEx = MpInitialize;
        MChars.UnloadHandler = MpUnload;
        Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                             &MChars, &ImMiniportHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            break;
        }

        NdisZeroMemory(&PChars, sizeof(PChars));
        PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
        PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
        PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
        PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
        PChars.BindAdapterHandlerEx = PtBindAdapter;
        PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;
        Status = NdisRegisterProtocolDriver(NULL, &PChars, &ImProtocolHandle);
        if (Status != NDIS_STATUS_SUCCESS) {
            NdisMDeregisterMiniportDriver(ImMiniportHandle);
            break;
        }

        if (RegistryPath->Length == 0) {
            break;                          /* nothing configured: still success */
        }
        NdisIMAssociateMiniport(ImMiniportHandle, ImProtocolHandle);
    } while (0);

    return Status;
}
