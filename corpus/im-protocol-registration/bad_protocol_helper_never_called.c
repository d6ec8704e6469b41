/*
 * im-protocol-registration - VIOLATION.
 * A helper fills the local characteristics through a pointer and ORs
 * NDIS_INTERMEDIATE_DRIVER into Flags (IM evidence).  The protocol half is
 * registered by ImRegisterProtocol(), which is defined here but never called:
 * DriverEntry calls ImRegisterProtocolChars() (which only prepares the
 * characteristics) by mistake.  A checker that only greps the file for
 * NdisRegisterProtocolDriver misses it.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

NDIS_HANDLE ImMiniportHandle = NULL;
NDIS_HANDLE ImProtocolHandle = NULL;
NDIS_PROTOCOL_DRIVER_CHARACTERISTICS ImProtocolChars;

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
    NdisMDeregisterMiniportDriver(ImMiniportHandle);
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

/* Fills the miniport characteristics of an IM driver. */
static VOID
ImFillMiniportChars(PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars)
{
    NdisZeroMemory(Chars, sizeof(*Chars));
    Chars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars->Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars->MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars->Flags |= NDIS_INTERMEDIATE_DRIVER;
    Chars->InitializeHandlerEx = MpInitialize;
    Chars->UnloadHandler = MpUnload;
}

/* Prepares the protocol characteristics; registers nothing. */
static VOID
ImRegisterProtocolChars(VOID)
{
    NdisZeroMemory(&ImProtocolChars, sizeof(ImProtocolChars));
    ImProtocolChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    ImProtocolChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    ImProtocolChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    ImProtocolChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    ImProtocolChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    ImProtocolChars.BindAdapterHandlerEx = PtBindAdapter;
    ImProtocolChars.UnbindAdapterHandlerEx = PtUnbindAdapter;
}

/* Would register the protocol half; nobody calls it. */
NDIS_STATUS
ImRegisterProtocol(VOID)
{
    return NdisRegisterProtocolDriver(NULL, &ImProtocolChars, &ImProtocolHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)  // expect: im-protocol-registration
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    ImRegisterProtocolChars();
    ImFillMiniportChars(&MChars);
    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &ImMiniportHandle);
    return Status;
}
