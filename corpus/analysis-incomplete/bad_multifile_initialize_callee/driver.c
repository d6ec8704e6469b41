/*
 * analysis-incomplete - VIOLATION, over three files (driver.c, miniport.c,
 * config.c): exactly one warning, in config.c.
 * The initialize handler (miniport.c) calls MfReadConfiguration (config.c),
 * whose body uses a field that MF_CONFIG does not have: an error in a function
 * the rules depend on, through the initialize handler.  Two other errors are
 * in functions no rule depends on and give no warning: the send handler
 * (miniport.c; only stored by DriverEntry) and MfDumpConfiguration (config.c;
 * called by nothing).  This file parses cleanly; the driver is otherwise a
 * correct IM driver.
 */
#include "mf.h"

DRIVER_INITIALIZE DriverEntry;

NDIS_HANDLE MfMiniportHandle;
NDIS_HANDLE MfProtocolHandle;
NDIS_SPIN_LOCK MfConfigLock;

_Use_decl_annotations_
VOID
MfUnload(PDRIVER_OBJECT DriverObject)
{
    UNREFERENCED_PARAMETER(DriverObject);
    NdisDeregisterProtocolDriver(MfProtocolHandle);
    NdisMDeregisterMiniportDriver(MfMiniportHandle);
    NdisFreeSpinLock(&MfConfigLock);
}

_Use_decl_annotations_
NTSTATUS
DriverEntry(PDRIVER_OBJECT DriverObject, PUNICODE_STRING RegistryPath)
{
    NDIS_STATUS Status;
    NDIS_MINIPORT_DRIVER_CHARACTERISTICS MChars;
    NDIS_PROTOCOL_DRIVER_CHARACTERISTICS PChars;

    MfInitGlobals();

    NdisZeroMemory(&MChars, sizeof(MChars));
    MChars.Header.Type = NDIS_OBJECT_TYPE_MINIPORT_DRIVER_CHARACTERISTICS;
    MChars.Header.Revision = NDIS_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.Header.Size = NDIS_SIZEOF_MINIPORT_DRIVER_CHARACTERISTICS_REVISION_2;
    MChars.MajorNdisVersion = NDIS_MINIPORT_MAJOR_VERSION;
    MChars.MinorNdisVersion = NDIS_MINIPORT_MINOR_VERSION;
    MChars.Flags = NDIS_INTERMEDIATE_DRIVER;
    MChars.InitializeHandlerEx = MfInitialize;
    MChars.UnloadHandler = MfUnload;
    MChars.SendNetBufferListsHandler = MfSendNetBufferLists;

    Status = NdisMRegisterMiniportDriver(DriverObject, RegistryPath, NULL,
                                         &MChars, &MfMiniportHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisFreeSpinLock(&MfConfigLock);
        return Status;
    }

    NdisZeroMemory(&PChars, sizeof(PChars));
    PChars.Header.Type = NDIS_OBJECT_TYPE_PROTOCOL_DRIVER_CHARACTERISTICS;
    PChars.Header.Revision = NDIS_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.Header.Size = NDIS_SIZEOF_PROTOCOL_DRIVER_CHARACTERISTICS_REVISION_2;
    PChars.MajorNdisVersion = NDIS_PROTOCOL_MAJOR_VERSION;
    PChars.MinorNdisVersion = NDIS_PROTOCOL_MINOR_VERSION;

    Status = NdisRegisterProtocolDriver(NULL, &PChars, &MfProtocolHandle);
    if (Status != NDIS_STATUS_SUCCESS) {
        NdisMDeregisterMiniportDriver(MfMiniportHandle);
        NdisFreeSpinLock(&MfConfigLock);
        return Status;
    }
    NdisIMAssociateMiniport(MfMiniportHandle, MfProtocolHandle);
    return NDIS_STATUS_SUCCESS;
}
