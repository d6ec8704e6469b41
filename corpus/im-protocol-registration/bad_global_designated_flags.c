/*
 * im-protocol-registration - VIOLATION.
 * The miniport characteristics are a global with a designated initializer
 * whose Flags holds NDIS_INTERMEDIATE_DRIVER, so this is an IM driver; but
 * DriverEntry registers only the miniport half.  NdisRegisterProtocolDriver
 * appears nowhere.  Everything else is correct: nothing can fail after the
 * registration and the unload handler deregisters the miniport.
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_HALT MpHalt;
MINIPORT_UNLOAD MpUnload;

static NDIS_HANDLE MpDriverHandle;

static NDIS_MINIPORT_DRIVER_CHARACTERISTICS MpChars = {
    .Header = {
        .Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS,
        .Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
        .Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2,
    },
    .MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION,
    .MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION,
    .Flags = NDIS_INTERMEDIATE_DRIVER,
    .InitializeHandlerEx = MpInitialize,
    .HaltHandlerEx = MpHalt,
    .UnloadHandler = MpUnload,
};

_Use_decl_annotations_
NDIS_STATUS
MpInitialize(
    NDIS_HANDLE MiniportAdapterHandle,
    NDIS_HANDLE MiniportDriverContext,
    PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters
    )
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MpHalt(NDIS_HANDLE MiniportAdapterContext, NDIS_HALT_ACTION HaltAction)
{
    UNREFERENCED_PARAMETER(MiniportAdapterContext);
    UNREFERENCED_PARAMETER(HaltAction);
}

_Use_decl_annotations_
VOID
MpUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisMDeregisterMiniportDriver(MpDriverHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(  // expect: im-protocol-registration
    PDRIVER_OBJECT DriverObject,
    PUNICODE_STRING RegistryPath
    )
{
    return NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                       &MpChars, &MpDriverHandle);
}
