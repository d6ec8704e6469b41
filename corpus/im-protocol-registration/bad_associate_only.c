/*
 * im-protocol-registration - VIOLATION (also im-intermediate-flag).
 * The only IM evidence is the call to NdisIMAssociateMiniport: the driver
 * forgot both the NDIS_INTERMEDIATE_DRIVER flag (the characteristics are
 * zeroed and Flags is never set, so im-intermediate-flag reports the
 * registration call) and the protocol registration (it associates the
 * miniport with a protocol handle that nobody ever wrote).
 */
#include <ndis.h>

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MpInitialize;
MINIPORT_UNLOAD MpUnload;

NDIS_HANDLE g_MiniportHandle;
NDIS_HANDLE g_ProtocolHandle;

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
    NdisMDeregisterMiniportDriver(g_MiniportHandle);
}

NTSTATUS
DriverEntry(  // expect: im-protocol-registration
    _In_ PDRIVER_OBJECT DriverObject,
    _In_ PUNICODE_STRING RegistryPath
    )
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_1;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.InitializeHandlerEx = MpInitialize;
    MChars.UnloadHandler = MpUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,  // expect: im-intermediate-flag
                                         &MChars, &g_MiniportHandle);
    if (Status == NDIS_STATUS_SUCCESS) {
        NdisIMAssociateMiniport(g_MiniportHandle, g_ProtocolHandle);
    }
    return Status;
}
