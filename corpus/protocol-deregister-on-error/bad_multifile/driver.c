/*
 * protocol-deregister-on-error - VIOLATION, across two files.
 * IM driver: the miniport half is registered here, the protocol half and
 * the control device in control.c.  When the control device cannot be
 * created (after both registrations), DriverEntry deregisters the MINIPORT
 * but not the protocol, then fails: one protocol-deregister-on-error
 * finding at that `return`.  The miniport error rule is satisfied on every
 * path; the success path associates both halves; the unload handler
 * deregisters both.
 */
#include "mux.h"

DRIVER_INITIALIZE DriverEntry;
MINIPORT_INITIALIZE MuxInitialize;
MINIPORT_UNLOAD MuxUnload;

NDIS_HANDLE MuxMiniportHandle;
NDIS_HANDLE MuxProtocolHandle;

_Use_decl_annotations_
NDIS_STATUS
MuxInitialize(NDIS_HANDLE MiniportAdapterHandle, NDIS_HANDLE MiniportDriverContext,
              PNDIS_MINIPORT_INIT_PARAMETERS MiniportInitParameters)
{
    UNREFERENCED_PARAMETER(MiniportAdapterHandle);
    UNREFERENCED_PARAMETER(MiniportDriverContext);
    UNREFERENCED_PARAMETER(MiniportInitParameters);
    return NDIS_STATUS_SUCCESS;
}

_Use_decl_annotations_
VOID
MuxUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    MuxDeleteControlDevice();
    NdisDeregisterProtocolDriver(MuxProtocolHandle);
    NdisMDeregisterMiniportDriver(MuxMiniportHandle);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = MuxInitialize;
    MChars.UnloadHandler = MuxUnload;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &MuxMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        return Status;
    }

    Status = MuxRegisterProtocol();
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(MuxMiniportHandle);
        return Status;
    }
    NdisIMAssociateMiniport(MuxMiniportHandle, MuxProtocolHandle);

    Status = MuxCreateControlDevice();
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(MuxMiniportHandle);
        return Status;  // expect: protocol-deregister-on-error
    }
    return NDIS_STATUS_SUCCESS;
}
