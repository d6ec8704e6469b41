/*
 * im-miniport-registration - VIOLATION.
 * DriverEntry calls ImPrepareMiniportChars, which ORs NDIS_INTERMEDIATE_DRIVER
 * into the Flags of a global characteristics structure (IM evidence), and
 * registers the protocol; the miniport itself is registered lazily from the
 * ProtocolBindAdapterEx handler.  DriverEntry only stores that handler, it
 * does not call it, so DriverEntry never calls NdisMRegisterMiniportDriver.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
DRIVER_UNLOAD ImUnload;
MINIPORT_INITIALIZE MpInitialize;
PROTOCOL_BIND_ADAPTER_EX PtBindAdapter;
PROTOCOL_UNBIND_ADAPTER_EX PtUnbindAdapter;

static PDRIVER_OBJECT ImDriverObject;
static PUNICODE_STRING ImRegistryPath;
static NDIS_MINIPORT_DRIVER_CHARACTERISTICS ImMChars;
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
VOID
ImUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    if (ImMiniportHandle != NULL) {
        NdisMDeregisterMiniportDriver(ImMiniportHandle);
    }
    NdisDeregisterProtocolDriver(ImProtocolHandle);
}

/* First binding: bring up the miniport edge (too late - this belongs in
 * DriverEntry). */
_Use_decl_annotations_
NDIS_STATUS
PtBindAdapter(NDIS_HANDLE ProtocolDriverContext, NDIS_HANDLE BindContext,
              PNDIS_BIND_PARAMETERS BindParameters)
{
    NDIS_STATUS Status = NDIS_STATUS_SUCCESS;

    UNREFERENCED_PARAMETER(ProtocolDriverContext);
    UNREFERENCED_PARAMETER(BindContext);
    UNREFERENCED_PARAMETER(BindParameters);
    if (ImMiniportHandle == NULL) {
        Status = NdisMRegisterMiniportDriver(ImDriverObject, ImRegistryPath, NULL,
                                             &ImMChars, &ImMiniportHandle);
    }
    return Status;
}

_Use_decl_annotations_
NDIS_STATUS
PtUnbindAdapter(NDIS_HANDLE UnbindContext, NDIS_HANDLE ProtocolBindingContext)
{
    UNREFERENCED_PARAMETER(UnbindContext);
    UNREFERENCED_PARAMETER(ProtocolBindingContext);
    return NDIS_STATUS_SUCCESS;
}

/* Fills the IM miniport characteristics. */
static VOID
ImPrepareMiniportChars(_Out_ PNDIS_MINIPORT_DRIVER_CHARACTERISTICS Chars)
{
    NdisZeroMemory(Chars, sizeof(*Chars));
    Chars->Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    Chars->Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    Chars->MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    Chars->MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    Chars->Flags |= NDIS_INTERMEDIATE_DRIVER;
    Chars->InitializeHandlerEx = MpInitialize;
    Chars->UnloadHandler = ImUnload;
}

/* A second declaration: findings belong to the definition below, not here. */
NTSTATUS
DriverEntry(
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    );

_Use_decl_annotations_
NTSTATUS
DriverEntry(  // expect: im-miniport-registration
    PDRIVER_OBJECT DriverObject,
    PUNICODE_STRING RegistryPath
    )
{
    NDIS_STATUS Status;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    ImDriverObject = DriverObject;
    ImRegistryPath = RegistryPath;
    ImPrepareMiniportChars(&ImMChars);

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;
    PChars.BindAdapterHandlerEx = PtBindAdapter;
    PChars.UnbindAdapterHandlerEx = PtUnbindAdapter;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &ImProtocolHandle);
    if (NT_SUCCESS(Status)) {
        DriverObject->DriverUnload = ImUnload;
    }
    return Status;
}
