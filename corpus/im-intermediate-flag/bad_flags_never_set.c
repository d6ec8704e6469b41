/*
 * im-intermediate-flag - VIOLATION (one finding, at the registration call).
 * The driver is an IM driver - it registers both a miniport and a protocol
 * edge and ties them with NdisIMAssociateMiniport - but after NdisZeroMemory
 * it never stores anything into MChars.Flags, so the characteristics reach
 * NdisMRegisterMiniportDriver with Flags == 0 and NDIS treats the virtual
 * miniport as an ordinary NIC miniport.  The IM evidence here does not come
 * from Flags at all, so a checker that only looks at Flags stores misses it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE NsInitialize;
MINIPORT_UNLOAD NsUnload;
PROTOCOL_BIND_ADAPTER_EX NsBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX NsUnbindAdapter;

NDIS_HANDLE NsMiniportHandle = NULL;
NDIS_HANDLE NsProtocolHandle = NULL;

_Use_decl_annotations_
NDIS_STATUS
NsInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
             PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
NsUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(NsProtocolHandle);
    NdisMDeregisterMiniportDriver(NsMiniportHandle);
}

_Use_decl_annotations_
NDIS_STATUS
NsBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    return NDIS_STATUS_FAILURE;
}

_Use_decl_annotations_
NDIS_STATUS
NsUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
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
    NDIS_STRING Name = NDIS_STRING_CONST("NoFlags");

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.MajorDriverVersion = 2;
    MChars.MinorDriverVersion = 1;
    MChars.InitializeHandlerEx = NsInitialize;
    MChars.UnloadHandler = NsUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,  // expect: im-intermediate-flag
                                         &MChars, &NsMiniportHandle);
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
    PChars.BindAdapterHandlerEx = NsBindAdapter;
    PChars.UnbindAdapterHandlerEx = NsUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &NsProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(NsMiniportHandle);
        return Status;
    }

    NdisIMAssociateMiniport(NsMiniportHandle, NsProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
