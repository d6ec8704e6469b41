/*
 * ntddk.h - ndislint bundled header.
 * Clean-room, WDK-compatible subset: the WDM interface plus the few extra
 * kernel declarations non-WDM drivers use, written from documented shapes.
 */
#ifndef _NTDDK_
#define _NTDDK_
#ifndef NDISLINT_NTDDK_H
#define NDISLINT_NTDDK_H

#include <wdm.h>

typedef enum _DEVICE_REGISTRY_PROPERTY {
    DevicePropertyDeviceDescription = 0x0,
    DevicePropertyHardwareID = 0x1,
    DevicePropertyCompatibleIDs = 0x2,
    DevicePropertyBootConfiguration = 0x3,
    DevicePropertyBootConfigurationTranslated = 0x4,
    DevicePropertyClassName = 0x5,
    DevicePropertyClassGuid = 0x6,
    DevicePropertyDriverKeyName = 0x7,
    DevicePropertyManufacturer = 0x8,
    DevicePropertyFriendlyName = 0x9,
    DevicePropertyLocationInformation = 0xa,
    DevicePropertyPhysicalDeviceObjectName = 0xb,
    DevicePropertyBusTypeGuid = 0xc,
    DevicePropertyLegacyBusType = 0xd,
    DevicePropertyBusNumber = 0xe,
    DevicePropertyEnumeratorName = 0xf,
    DevicePropertyAddress = 0x10,
    DevicePropertyUINumber = 0x11,
    DevicePropertyInstallState = 0x12,
    DevicePropertyRemovalPolicy = 0x13,
    DevicePropertyResourceRequirements = 0x14,
    DevicePropertyAllocatedResources = 0x15,
    DevicePropertyContainerID = 0x16
} DEVICE_REGISTRY_PROPERTY;

typedef struct _TIME_FIELDS {
    SHORT Year;
    SHORT Month;
    SHORT Day;
    SHORT Hour;
    SHORT Minute;
    SHORT Second;
    SHORT Milliseconds;
    SHORT Weekday;
} TIME_FIELDS, *PTIME_FIELDS;

NTKERNELAPI NTSTATUS NTAPI IoGetDeviceProperty(_In_ PDEVICE_OBJECT DeviceObject,
                                               _In_ DEVICE_REGISTRY_PROPERTY DeviceProperty,
                                               _In_ ULONG BufferLength,
                                               _Out_writes_bytes_opt_(BufferLength) PVOID PropertyBuffer,
                                               _Out_ PULONG ResultLength);
NTKERNELAPI VOID NTAPI ExSystemTimeToLocalTime(_In_ PLARGE_INTEGER SystemTime,
                                               _Out_ PLARGE_INTEGER LocalTime);
NTKERNELAPI VOID NTAPI ExLocalTimeToSystemTime(_In_ PLARGE_INTEGER LocalTime,
                                               _Out_ PLARGE_INTEGER SystemTime);
NTKERNELAPI NTSTATUS NTAPI PsSetCreateProcessNotifyRoutine(_In_ PVOID NotifyRoutine,
                                                           _In_ BOOLEAN Remove);
NTKERNELAPI HANDLE NTAPI PsGetProcessId(_In_ PEPROCESS Process);
NTKERNELAPI NTSTATUS NTAPI PsLookupProcessByProcessId(_In_ HANDLE ProcessId,
                                                      _Outptr_ PEPROCESS *Process);

#endif /* NDISLINT_NTDDK_H */
#endif /* _NTDDK_ */
